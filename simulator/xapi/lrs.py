"""A Learning Record Store's statements resource, spoken to over HTTP(S) with the standard library.

``Lrs(endpoint, key, secret)``: the xAPI endpoint (``https://lrs.example/xAPI/``; ``statements`` is
appended) and HTTP Basic credentials.  Every request says ``X-Experience-API-Version: 1.0.3``.
A status, whatever it is, comes back as a :class:`Reply`; only a request that got no answer at all
(refused, timed out, not HTTP) raises :class:`Unreachable`.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from simulator.xapi.statements import XAPI_VERSION

#: How long one request may take (seconds).
TIMEOUT = 10.0


class Unreachable(Exception):
    """The LRS gave no answer (connection refused or reset, a timeout, not an HTTP server)."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes

    @property
    def detail(self) -> str:
        """What the LRS said, in one line (its JSON ``detail`` or ``message`` when it gives one)."""
        text = self.body.decode("utf-8", "replace").strip()
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            text = str(data.get("detail") or data.get("message") or text)
        return " ".join(text.split())[:300] or f"HTTP {self.status}"

    def json(self) -> object:
        return json.loads(self.body.decode("utf-8"))


def check_endpoint(url: str) -> str:
    """The endpoint, ending in a slash (ValueError with the reason when it is not an http(s) URL)."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{url}' is not an http:// or https:// URL of an LRS's xAPI endpoint")
    if parts.query or parts.fragment:
        raise ValueError(f"'{url}': give the xAPI endpoint without a query or fragment")
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


@dataclass(frozen=True)
class Lrs:
    endpoint: str
    key: str | None = None
    secret: str | None = None
    timeout: float = TIMEOUT

    def __post_init__(self) -> None:
        object.__setattr__(self, "endpoint", check_endpoint(self.endpoint))

    @property
    def statements_url(self) -> str:
        return self.endpoint + "statements"

    def request(self, method: str, params: dict[str, str] | None = None, body: object = None) -> Reply:
        url = self.statements_url + ("?" + urllib.parse.urlencode(params) if params else "")
        data = None if body is None else json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self.key is not None or self.secret is not None:
            token = f"{self.key or ''}:{self.secret or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(token).decode("ascii")
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # http(s) only: check_endpoint
                return Reply(response.status, response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return Reply(exc.code, exc.read())
        except (OSError, ValueError, http.client.HTTPException) as exc:  # refused, reset, timed out, cut short
            reason = getattr(exc, "reason", exc)
            raise Unreachable(str(getattr(reason, "strerror", None) or reason)) from exc

    def post(self, statements: list[dict]) -> Reply:
        """Store a batch (all or nothing; statements it already has, same content, are ignored)."""
        return self.request("POST", body=statements)

    def put(self, statement: dict) -> Reply:
        """Store one statement under its id (204; 409 when a different one has that id)."""
        return self.request("PUT", {"statementId": str(statement["id"])}, statement)

    def query(self, **params: str) -> list[dict]:
        """Every statement matching the xAPI query ``params`` (agent, verb, activity, registration, ...),
        following the ``more`` links (Unreachable, or RuntimeError with the status when refused)."""
        out: list[dict] = []
        reply = self.request("GET", params)
        while True:
            if reply.status != 200:
                raise RuntimeError(f"the LRS answered {reply.status}: {reply.detail}")
            page = reply.json()
            assert isinstance(page, dict)
            out += page.get("statements", [])
            more = page.get("more")
            if not more:
                return out
            query = urllib.parse.urlsplit(urllib.parse.urljoin(self.endpoint, more)).query
            reply = self.request("GET", dict(urllib.parse.parse_qsl(query)))
