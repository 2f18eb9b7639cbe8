/** Room names are namespaced by workspace so a broadcast can never cross tenants. */
export const rooms = {
  channel: (workspaceId: string, channelId: string) => `ws:${workspaceId}:channel:${channelId}`,
  person: (workspaceId: string, personId: string) => `ws:${workspaceId}:person:${personId}`,
};
