"""A second, independent MCP client: the official Python SDK (`mcp` 2.3),
over streamable HTTP, in its default mode: it probes `server/discover`
first, so against the hub it speaks the stateless revision (2026-07-28).
Lists the tools, calls `hub_start`, listens on the agent's inbox and reads
a DM another agent sent over REST once the update arrives (within 2 s).
Run by `cargo xtask test` with HUB_URL and HUB_ADMIN_TOKEN."""

import asyncio
import json
import os
import time
import urllib.request

import anyio
import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

URL = os.environ["HUB_URL"]
ADMIN = os.environ["HUB_ADMIN_TOKEN"]
TEAM = f"python{int(time.time() * 1000)}"


def api(method: str, path: str, body: dict, token: str = ADMIN) -> dict:
    req = urllib.request.Request(
        URL + path,
        method=method,
        data=json.dumps(body).encode(),
        headers={"authorization": f"Bearer {token}", "content-type": "application/json", "x-hub-team": TEAM},
    )
    with urllib.request.urlopen(req) as res:
        return json.load(res)


async def main() -> None:
    api("POST", "/registry/teams", {"name": TEAM})
    token = api("POST", "/coordinator/tokens", {"agentId": "py-agent"})["token"]
    peer = api("POST", "/coordinator/tokens", {"agentId": "py-peer"})["token"]
    headers = {"authorization": f"Bearer {token}", "x-hub-team": TEAM}
    async with httpx2.AsyncClient(headers=headers, timeout=30) as http:
        async with Client(streamable_http_client(f"{URL}/mcp", http_client=http)) as client:
            version = client.protocol_version
            assert version == "2026-07-28", version
            tools = await client.list_tools()
            names = [t.name for t in tools.tools]
            assert "hub_start" in names and "hub_lock" in names, names
            started = await client.call_tool("hub_start", {})
            text = started.content[0].text
            assert not started.is_error and "welcome" in text, text
            resources = await client.list_resources()
            uris = [str(r.uri) for r in resources.resources]
            assert "agent-hub://inbox" in uris, uris
            async with client.listen(resource_subscriptions=["agent-hub://inbox"]) as sub:
                sent = time.monotonic()
                api("POST", "/agent/py-agent/messages", {"from": "py-peer", "message": "hello from python"}, peer)
                with anyio.fail_after(2):
                    event = await anext(aiter(sub))
                latency_ms = (time.monotonic() - sent) * 1000
                assert str(event.uri) == "agent-hub://inbox", event
            read = await client.read_resource("agent-hub://inbox")
            assert "hello from python" in read.contents[0].text, read
    print(
        f"mcp python sdk: {version}, {len(names)} tools, hub_start answered ({len(text)} bytes), "
        f"{len(uris)} resources, inbox update in {latency_ms:.0f} ms"
    )


asyncio.run(main())
