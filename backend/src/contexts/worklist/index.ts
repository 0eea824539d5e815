// The worklist context's public entry: what other contexts may use.
export { GetTodoQuery } from './application/queries.js';
export type { Todo, TodoItem, TodoLink } from './domain/todo.js';
