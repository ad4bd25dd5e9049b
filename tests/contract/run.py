"""The API contract, tried by schemathesis against a live server in demo mode.

Usage: run.py BASE_URL OPENAPI_JSON SECONDS REPORT_DIR

Two runs share SECONDS: the widget and host API (`/api/v1/...`) as the demo customer
`alice` with a token from the demo's token endpoint, then the console API
(`/console/api/...`) signed in as the demo's provider admin, with the session's cookie and
CSRF token. Each fails on a 5xx, a status the document does not list, an answer whose body
or content type breaks its schema, or invalid input that is accepted.

Host API calls carry no signature (schemathesis cannot sign bodies), so they are refused
with documented 401s: their schemas are checked, their handlers' bodies are not reached.
"""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
    ]
)

# Signing out would end the session the rest of the run uses, and requiring a second factor
# of the tenant's accounts would change what that session may do; the suite tests both.
CONSOLE_EXCLUDED = r"^/console/api/(logout|tenants/\{id\}/second-factor)$"


def call(url, body=None, method=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"content-type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.load(res), res.headers


# Credentials go by the document's security schemes, so schemathesis knows when it leaves one
# out on purpose (a request without them must be refused) and sends them otherwise.
CONFIG = """
[auth.openapi.customer_token]
bearer = "${PANELCARE_TOKEN}"

[auth.openapi.console_session]
api_key = "${PANELCARE_SESSION}"
"""


def schemathesis(doc, base, seconds, report, name, env, headers, include, exclude=None):
    exe = Path(sys.executable).parent / "schemathesis"
    config = Path(report) / "schemathesis.toml"
    config.write_text(CONFIG)
    args = [
        str(exe),
        "--config-file",
        str(config),
        "run",
        doc,
        "--url",
        base,
        "--checks",
        CHECKS,
        "--max-time",
        str(seconds),
        # One worker: with two, hypothesis parses lambdas' source in both threads at once,
        # and Python 3.11's `ast` is not safe for that ("AST constructor recursion depth
        # mismatch", CPython gh-106905), which schemathesis reports as a run error.
        "--workers",
        "1",
        "--include-path-regex",
        include,
        "--report",
        "junit",
        "--report-junit-path",
        str(Path(report) / f"{name}.xml"),
        # The server's own answers are the point; its access log says the rest.
        "--suppress-health-check",
        "filter_too_much,too_slow",
    ]
    if exclude:
        args += ["--exclude-path-regex", exclude]
    for header in headers:
        args += ["-H", header]
    print(f"\n== schemathesis: {name} ({seconds} s)", flush=True)
    # schemathesis keeps a cache in its working directory: the report's, not the checkout.
    return subprocess.run(args, env={**os.environ, **env}, cwd=report).returncode


def main():
    base, doc, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # Absolute: schemathesis runs in it, and the paths below must not be read twice from there.
    report = str(Path(sys.argv[4]).resolve())
    Path(report).mkdir(parents=True, exist_ok=True)
    half = max(seconds // 2, 10)

    token, _ = call(f"{base}/demo-api/token?account=alice")
    login, headers = call(
        f"{base}/console/api/login",
        {"email": "admin@acme-hosting.example", "password": "demo-password"},
    )
    session = next(
        c.split(";")[0].split("=", 1)[1]
        for c in headers.get_all("set-cookie")
        if c.startswith("panelcare_session=")
    )
    env = {"PANELCARE_TOKEN": token["token"], "PANELCARE_SESSION": session}

    # The widget run writes far more as one customer than the rate limits let through, which
    # would leave the handlers behind them untried (the limits have their own tests).
    auth = {"cookie": f"panelcare_session={session}", "x-csrf-token": login["csrf_token"]}
    limits, _ = call(f"{base}/console/api/tenants/acme/limits", headers=auth)
    for action in limits["actions"]:
        action["account"] = action["tenant"] = {"burst": 1_000_000, "per_hour": 1_000_000}
    call(f"{base}/console/api/tenants/acme/limits", limits, "PUT", auth)

    # The widget run goes first: the console run may change the tenant's limits and keys.
    widget = schemathesis(
        doc, base, half, report, "widget-and-host-api", env, [], r"^/api/v1/"
    )
    console = schemathesis(
        doc,
        base,
        half,
        report,
        "console-api",
        env,
        [f"X-CSRF-Token: {login['csrf_token']}"],
        r"^/console/api/",
        CONSOLE_EXCLUDED,
    )
    sys.exit(1 if widget or console else 0)


if __name__ == "__main__":
    main()
