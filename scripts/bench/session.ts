/**
 * Signs in as the browser does with Auth.js: GET /api/auth/csrf, then POST the credentials to
 * /api/auth/callback/credentials; the answer's cookies are the session.
 */
function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return jar;
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export async function signIn(baseUrl: string, address: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: header(jar),
      origin: new URL(baseUrl).origin,
    },
    body: new URLSearchParams({ csrfToken, address, password, callbackUrl: `${baseUrl}/mail` }),
  });
  for (const [k, v] of cookiesOf(res)) jar.set(k, v);
  const location = res.headers.get("location") ?? "";
  if (res.status !== 302 || location.includes("error=") || ![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`sign-in as ${address} failed (${res.status} ${location})`);
  return header(jar);
}
