import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

// The query parameters every list shares, bounded so that no value reaches a column or an OFFSET it
// cannot hold (issue 15 §3: `?page=1e300`, `?year=3000000000`, `?campaignId=` were 500s). A value
// outside its bounds is a 400 naming the parameter (the ValidationPipe's bilingual error).

/** 500 rows × 10,000 pages: beyond any list of the suite (the largest, a province's inspections, has ~100,000 rows). */
export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 500;
/** Years the suite's records can belong to: the plan and campaign years (the same bounds as the annual plans' year). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** `page`: 1-based, 1 to MAX_PAGE. */
export function PageParam() {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }),
    IsOptional(), Type(() => Number), IsInt(), Min(1), Max(MAX_PAGE),
  );
}

/** `pageSize`: 1 to MAX_PAGE_SIZE (50 by default in the queries). */
export function PageSizeParam() {
  return applyDecorators(
    ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE_SIZE }),
    IsOptional(), Type(() => Number), IsInt(), Min(1), Max(MAX_PAGE_SIZE),
  );
}

/** A year between MIN_YEAR and MAX_YEAR. */
export function YearParam(options: { required?: boolean; description?: string } = {}) {
  const doc = { minimum: MIN_YEAR, maximum: MAX_YEAR, description: options.description };
  return applyDecorators(
    ...(options.required ? [ApiProperty(doc)] : [ApiPropertyOptional(doc), IsOptional()]),
    Type(() => Number), IsInt(), Min(MIN_YEAR), Max(MAX_YEAR),
  );
}

/**
 * The id of a uuid column. 'loose': any 8-4-4-4-12 hex id, since the seed's ids are deterministic
 * and carry no RFC version digit (the same rule as platform/database/sql.ts isUuid).
 */
export function UuidParam(options: { required?: boolean; description?: string } = {}) {
  const doc = { format: 'uuid', description: options.description };
  return applyDecorators(...(options.required ? [ApiProperty(doc)] : [ApiPropertyOptional(doc), IsOptional()]), IsUUID('loose'));
}

/**
 * The parameters every searchable list takes (issue 16 §2; platform/database/sql.ts addListFilters
 * and sortOrder apply them): a list's query DTO extends this and adds its own filters.
 */
export class SearchableListParams {
  @ApiPropertyOptional({ description: 'institution name contains, or institution code equals', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100) q?: string;

  @ApiPropertyOptional({ description: 'the region and below (administrative division code), within the reader\'s scope', example: '3201' })
  @IsOptional() @Matches(/^[0-9]{2,12}$/, { message: 'regionCode must be a region code (digits)' }) regionCode?: string;

  @ApiPropertyOptional({ description: 'one status or several, comma-separated' })
  @IsOptional() @IsString() @MaxLength(500) status?: string;

  @ApiPropertyOptional({ description: "period start (the list's main date, China day, inclusive)", example: '2026-01-01' })
  @IsOptional() @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { message: 'from must be a date YYYY-MM-DD' }) from?: string;

  @ApiPropertyOptional({ description: 'period end (China day, inclusive)', example: '2026-12-31' })
  @IsOptional() @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { message: 'to must be a date YYYY-MM-DD' }) to?: string;

  @ApiPropertyOptional({ description: '`field` ascending or `-field` descending, from the list\'s sortable fields (ties by id)', example: '-createdAt' })
  @IsOptional() @Matches(/^-?[A-Za-z][A-Za-z0-9]{0,39}$/, { message: 'sort must be a field name, optionally preceded by -' }) sort?: string;

  @PageParam() page?: number;
  @PageSizeParam() pageSize?: number;
}
