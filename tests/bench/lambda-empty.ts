/** The empty Lambda module the bench bundles beside the API, to show what bundling and importing alone cost. */
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 200, body: 'ok' });
