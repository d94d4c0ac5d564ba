"""A second, independent MCP client: the official Python SDK (`mcp` 2.3),
over streamable HTTP, in its default mode (it probes `server/discover`
first and falls back to the handshake): lists the tools and calls
`hub_start` as an agent. Run by `cargo xtask test` with HUB_URL and
HUB_ADMIN_TOKEN."""

import asyncio
import json
import os
import time
import urllib.request

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

URL = os.environ["HUB_URL"]
ADMIN = os.environ["HUB_ADMIN_TOKEN"]
TEAM = f"python{int(time.time() * 1000)}"


def api(method: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(
        URL + path,
        method=method,
        data=json.dumps(body).encode(),
        headers={"authorization": f"Bearer {ADMIN}", "content-type": "application/json", "x-hub-team": TEAM},
    )
    with urllib.request.urlopen(req) as res:
        return json.load(res)


async def main() -> None:
    api("POST", "/registry/teams", {"name": TEAM})
    token = api("POST", "/coordinator/tokens", {"agentId": "py-agent"})["token"]
    headers = {"authorization": f"Bearer {token}", "x-hub-team": TEAM}
    async with httpx2.AsyncClient(headers=headers, timeout=30) as http:
        async with Client(streamable_http_client(f"{URL}/mcp", http_client=http)) as client:
            tools = await client.list_tools()
            names = [t.name for t in tools.tools]
            assert "hub_start" in names and "hub_lock" in names, names
            started = await client.call_tool("hub_start", {})
            text = started.content[0].text
            assert not started.is_error and "welcome" in text, text
            resources = await client.list_resources()
            uris = [str(r.uri) for r in resources.resources]
            assert "agent-hub://inbox" in uris, uris
    print(f"mcp python sdk: {len(names)} tools, hub_start answered ({len(text)} bytes), {len(uris)} resources")


asyncio.run(main())
