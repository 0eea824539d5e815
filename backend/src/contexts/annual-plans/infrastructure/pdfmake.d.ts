// The part of pdfmake 0.3's server API the plan export uses (the package ships no types).
declare module 'pdfmake' {
  type FontSource = string | [string] | [string, string];

  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }

  const pdfmake: {
    setFonts(fonts: Record<string, { normal: FontSource; bold?: FontSource; italics?: FontSource; bolditalics?: FontSource }>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: object): OutputDocument;
  };
  export default pdfmake;
}
