// The tips context's public entry (举报): what other contexts may use. Nothing yet — the leads
// context learns of a tip through RegisterLeadCommand (source 'tip', the tip's id as sourceRef).
export {};
