/** See local-bundle.mjs: the path of an entry's cached bundle, made or remade first when a source file changed. */
export declare const localBundle: (entry: string, cache: string) => Promise<string>;
