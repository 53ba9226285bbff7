"""A small OpenID Connect provider for the tests, on 127.0.0.1 in a thread: discovery, JWKS,
authorize, token and userinfo endpoints; ID tokens signed RS256 with a key made for the run.

The authorize endpoint logs in whoever the test says (`provider.person = {...claims}`) at once
and sends the browser back with a code, as a real provider does after its login page. PKCE
(S256), the redirect URI, the client secret and one use per code are checked like a real
provider would. `provider.tamper` changes the next ID token (e.g. {"nonce": "fout"}) to prove
that eigenplan refuses it.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KID = "test-key-1"


class LocalOIDCProvider:
    def __init__(self, client_id="eigenplan", client_secret="geheim-voor-de-test"):  # noqa: S107
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.person: dict = {}
        self.tamper: dict = {}
        self.auth_time: float | None = None  # None: now
        self.authorize_requests: list[dict] = []
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def issuer(self) -> str:
        return self.url

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]}

    # --- what a browser does at the provider ---------------------------------------------------

    def log_in_at_provider(self, authorize_url: str) -> str:
        """Follow the redirect to the provider's authorize endpoint; return where the provider
        sends the browser back to (path and query of eigenplan's callback)."""
        parts = urlsplit(authorize_url)
        connection = HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        location = response.getheader("Location")
        connection.close()
        assert response.status == 302, response.status
        back = urlsplit(location)
        return f"{back.path}?{back.query}"

    # --- the endpoints --------------------------------------------------------------------------

    def _authorize(self, query: dict) -> tuple[int, dict, bytes]:
        self.authorize_requests.append(query)
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}, b"bad request"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "claims": dict(self.person),
            "nonce": query.get("nonce"),
            "redirect_uri": query["redirect_uri"],
            "challenge": query.get("code_challenge"),
        }
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return 302, {"Location": target}, b""

    def _token(self, form: dict) -> tuple[int, dict, bytes]:
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            grant is None
            or form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
            or form.get("redirect_uri") != grant["redirect_uri"]
            or challenge != grant["challenge"]
        ):
            return 400, {}, json.dumps({"error": "invalid_grant"}).encode()
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": int(self.auth_time if self.auth_time is not None else now),
            "nonce": grant["nonce"],
            **grant["claims"],
            **self.tamper,
        }
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KID})
        access_token = secrets.token_urlsafe(16)
        self.codes[f"access:{access_token}"] = grant
        body = {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}
        return 200, {}, json.dumps(body).encode()

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status, headers, body, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if parts.path == "/.well-known/openid-configuration":
                    self._send(200, {}, json.dumps(provider.discovery()).encode())
                elif parts.path == "/jwks":
                    self._send(200, {}, json.dumps(provider.jwks()).encode())
                elif parts.path == "/authorize":
                    self._send(*provider._authorize(query), content_type="text/plain")
                elif parts.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    grant = provider.codes.get(f"access:{token}")
                    if grant is None:
                        self._send(401, {}, b"{}")
                    else:
                        self._send(200, {}, json.dumps(grant["claims"]).encode())
                else:
                    self._send(404, {}, b"{}")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == "/token":
                    self._send(*provider._token(form))
                else:
                    self._send(404, {}, b"{}")

        return Handler
