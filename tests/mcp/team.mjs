// A team of its own for one MCP test script, on the hub at HUB_URL: created
// by the human token (HUB_ADMIN_TOKEN), as teams are; `api` calls the hub
// in it (a failure throws with the hub's answer), `mint` gives an agent a
// token of its own.

export async function newTeam(prefix) {
  const url = process.env.HUB_URL;
  const admin = process.env.HUB_ADMIN_TOKEN;
  const team = `${prefix}${Date.now().toString(36)}`;
  async function api(method, path, token, body) {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'x-hub-team': team, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  }
  await api('POST', '/registry/teams', admin, { name: team });
  const mint = async (agentId) => (await api('POST', '/coordinator/tokens', admin, { agentId })).token;
  return { url, team, api, mint };
}
