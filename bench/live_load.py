#!/usr/bin/env python
"""Load benchmark of the live path: N phones join, answer within a window, the projector
watches. It prints figures; it asserts nothing (speed is a benchmark, not a test).

    .venv/bin/python bench/live_load.py --phones 1000 --window 3
    .venv/bin/python bench/live_load.py --phones 1000 --burst
    .venv/bin/python bench/live_load.py --phones 1000 --window 3 --drop 0.2
    .venv/bin/python bench/live_load.py --db postgres --layer redis --processes 2
    .venv/bin/python bench/live_load.py --url http://127.0.0.1:8000 --code 123456 --screen TOKEN
    .venv/bin/python bench/live_load.py --db postgres --layer redis --processes 2 \
        --via https://127.0.0.1:18443   # through nginx in front of the servers it starts
    .venv/bin/python bench/live_load.py --activity cowrite --phones 60 --groups 8 --seconds 120

By default it builds a fresh database (SQLite file, or PostgreSQL database `fne92_bench`),
seeds workshop n°1, starts a session on the governance vote and starts Daphne itself.

Answer-to-projector latency: every answer's send time is taken on the phone; the projector's
pushes carry the exact stored count (`data-count`). The k-th answer acknowledged counts as
shown when the projector first receives a count >= k. Counts only grow, so this is the time
for the screen to reflect that many answers.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import re
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNT = re.compile(r'id="screen-results"[^>]*data-count="(\d+)"')
CONNECTED = re.compile(r'class="presence__now">(\d+) connecté')
STATE = re.compile(r'ws-connect="/ws/atelier/\d+/\?v=([^"]+)"')


@dataclass
class Phone:
    index: int
    cookies: dict = field(default_factory=dict)
    socket: object = None
    client_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    sent_at: float | None = None
    acked_at: float | None = None
    error: str | None = None
    join_error: str | None = None
    state: str = ""


# Set-up -----------------------------------------------------------------------------------------
def environment(args) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    if args.db == "postgres":
        env["DATABASE_URL"] = args.postgres_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='fne-bench-')}/bench.sqlite3"
    if args.layer == "redis":
        env["REDIS_URL"] = args.redis_url
        env["CHANNEL_PREFIX"] = f"bench{uuid.uuid4().hex[:8]}"
        env["REDIS_CHANNEL_LAYER"] = args.redis_layer
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="fne92.settings",
    )
    env.setdefault("SECRET_KEY", "bench-" + uuid.uuid4().hex * 2)
    return env


SETUP = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from live import sessions
from workshops.seed import load_seed
programme, _ = load_seed()
workshop = programme.workshops.get(number=1)
user = get_user_model().objects.create_user("bench", password=None)
session = sessions.start_session(workshop=workshop, user=user)
step = workshop.steps.filter(activity__kind=ACTIVITY).order_by("order").first()
sessions.go_to_step(session=session, step=step)
run = sessions.run_for(session=session, step=step)
sessions.set_run(session=session, run=run, show_results=True)
user.groups.add(__import__("django.contrib.auth.models").contrib.auth.models.Group.objects.get_or_create(name="Animateurs")[0])
workshop.facilitators.add(user)
from django.test import Client
client = Client()
client.force_login(user)
following = sessions.step_by_offset(session=session, offset=1)
print(json.dumps({"code": session.code, "token": session.screen_token,
                  "session": session.pk, "activity": step.activity_id,
                  "config": step.activity.config,
                  "facilitator_cookie": client.cookies["sessionid"].value,
                  "next_step": following.pk}))
"""

COUNT_ROWS = """
import json, django
django.setup()
from live.models import Response
rows = Response.objects.filter(session_id=SESSION)
print(json.dumps({"rows": rows.count(),
                  "participants": rows.values("participant").distinct().count()}))
"""


def run_python(code: str, env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def start_servers(
    count: int, env: dict, base_port: int, options: tuple[str, ...] = ()
) -> list[subprocess.Popen]:
    import socket

    for index in range(count):
        # A server left over on the port would answer instead of ours.
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", base_port + index), timeout=0.5),
        ):
            sys.exit(f"Le port {base_port + index} est déjà pris : arrêtez ce serveur ou --port.")
    servers = []
    for index in range(count):
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(base_port + index),
                    *options,
                    "fne92.asgi:application",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    for index in range(count):
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", base_port + index), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit("Daphne ne démarre pas")
                time.sleep(0.1)
    return servers


# The phones -------------------------------------------------------------------------------------
# Through a proxy on the loopback (--via), TLS with a certificate made for the run.
UNVERIFIED_TLS = ssl.create_default_context()
UNVERIFIED_TLS.check_hostname = False
UNVERIFIED_TLS.verify_mode = ssl.CERT_NONE


def websocket_options(base: str) -> dict:
    """The WebSocket address (ws:// or wss://) of a server's base URL, and its TLS context."""
    return {"ssl": UNVERIFIED_TLS} if base.startswith("https://") else {}


def ws_base(base: str) -> str:
    return "ws" + base.removeprefix("http")


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


async def join(phone: Phone, http, base: str, code: str) -> None:
    """The QR code's address: one request, the phone page with the current step."""
    response = await http.get(f"{base}/rejoindre/{code}/")
    phone.cookies.update(response.cookies)
    if response.status_code != 200 or 'id="phone-stage"' not in response.text:
        raise RuntimeError(f"join page HTTP {response.status_code}: {response.text[:200]!r}")
    # The page's state: its WebSocket says it, and gets no snapshot when nothing changed since.
    found = STATE.search(response.text)
    phone.state = found.group(1) if found else ""


async def connect(phone: Phone, base: str, session_id: int):
    """The phone page's WebSocket, with the state its page shows: no snapshot comes back
    unless the session has changed since (a snapshot that does come is read, and skipped, by
    whoever reads the socket next)."""
    from websockets.asyncio.client import connect as ws_connect

    return await ws_connect(
        f"{ws_base(base)}/ws/atelier/{session_id}/?v={phone.state}",
        **websocket_options(base),
        additional_headers={"Cookie": cookie_header(phone.cookies)},
        origin=base,
        open_timeout=60,
        max_size=2**22,
    )


# Word-cloud entries: groups of the spellings a room types for one idea (the normalisation
# puts each group together); a phone takes three groups and one spelling of each.
WORDS = [
    ["Exclusion", "exclusions", "EXCLUSION"],
    ["Fracture numérique", "fracture numerique", "Fractures numériques"],
    ["Isolement", "isolement."],
    ["Illettrisme"],
    ["Difficultés", "difficulté"],
    ["Accès aux droits", "acces aux droits"],
    ["Autonomie", "autonomie !"],
    ["Dématérialisation"],
    ["Peur", "peurs"],
    ["Inégalités", "inegalite"],
    ["Compétences"],
]


def answer_payload(args, setup: dict, phone: Phone) -> str:
    """What the phone's form sends over its WebSocket for the activity under test."""
    message = {"activity": str(setup["activity"]), "client_id": phone.client_id}
    if args.activity == "vote":
        message["choice"] = str(random.randrange(3))
    elif args.activity == "open_question":
        message["entry"] = [random.choice(group) for group in random.sample(WORDS, 3)]
    elif args.activity == "classify":
        config = setup["config"]
        categories = [c["key"] for c in config["categories"]]
        for item in config["items"]:
            # Mostly right, as a room is: the matrix has agreements and hesitations.
            right = random.random() < 0.7
            message[f"item-{item['key']}"] = (
                item["category"] if right else random.choice(categories)
            )
    else:
        message.update(fonctions="Médiateur", lien=f"Carte {phone.index}", structure="")
    return json.dumps(message)


async def wait_ack(socket) -> str | None:
    while True:
        message = await socket.recv()
        if "Réponse enregistrée" in message:
            return None
        if 'class="error"' in message:
            return re.sub(r"<[^>]+>", " ", message).strip()[:120]


async def answer(phone: Phone, args, setup, base: str, delay: float, drop: bool) -> None:
    await asyncio.sleep(delay)
    payload = answer_payload(args, setup, phone)
    phone.sent_at = time.perf_counter()
    await phone.socket.send(payload)
    if drop:
        # The phone loses its connection right after sending, comes back, sends it again.
        await phone.socket.close()
        phone.socket = await connect(phone, base, setup["session"])
        await phone.socket.send(payload)
    phone.error = await wait_ack(phone.socket)
    phone.acked_at = time.perf_counter()


# The projector ----------------------------------------------------------------------------------
async def loop_lag(lags: list[float], stop: asyncio.Event) -> None:
    """How late this generator's own event loop wakes up (ms): a busy generator delays
    what it measures, so its lag bounds how much of a latency is the server's."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append((time.perf_counter() - started - 0.01) * 1000)


async def watch(
    screen, seen: list, expected: int, done: asyncio.Event, connected: asyncio.Event
) -> None:
    while True:
        message = await screen.recv()
        present = CONNECTED.search(message)
        if present and int(present.group(1)) >= expected:
            connected.set()
        match = COUNT.search(message)
        if match:
            count = int(match.group(1))
            seen.append((time.perf_counter(), count))
            if count >= expected:
                done.set()


async def sample_rss(pids: list[int], peak: list[float], stop: asyncio.Event) -> None:
    import psutil

    processes = [psutil.Process(pid) for pid in pids]
    while not stop.is_set():
        for i, process in enumerate(processes):
            with contextlib.suppress(psutil.Error):
                peak[i] = max(peak[i], process.memory_info().rss / 2**20)
        await asyncio.sleep(0.2)


def server_cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the servers have used so far."""
    import psutil

    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
    return total


async def step_change(setup: dict, bases: list[str], phones: list[Phone]) -> float | None:
    """The facilitator moves to the next step: seconds until every phone shows it."""
    import httpx

    marker = f'data-step="{setup["next_step"]}"'

    async def follow(phone: Phone) -> float:
        while True:
            message = await phone.socket.recv()
            if marker in message:
                return time.perf_counter()

    watchers = [asyncio.create_task(follow(p)) for p in phones]
    token = uuid.uuid4().hex
    started = time.perf_counter()
    async with httpx.AsyncClient(verify=UNVERIFIED_TLS) as http:
        response = await http.post(
            f"{bases[0]}/animation/sessions/{setup['session']}/action/",
            data={"action": "next"},
            headers={
                "Cookie": f"sessionid={setup['facilitator_cookie']}; csrftoken={token}",
                "X-CSRFToken": token,
                "HX-Request": "true",
                "Referer": bases[0] + "/",
            },
        )
    if response.status_code >= 400:
        for task in watchers:
            task.cancel()
        return None
    try:
        times = await asyncio.wait_for(asyncio.gather(*watchers), timeout=30)
    except TimeoutError:
        return None
    return max(times) - started if times else None


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def one_run(args, setup: dict, bases: list[str], pids: list[int]) -> dict:
    import httpx
    from websockets.asyncio.client import connect as ws_connect

    phones = [Phone(index=i) for i in range(args.phones)]
    peak = [0.0] * len(pids)
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pids, peak, stop)) if pids else None

    screen_base = bases[-1]
    screen = await ws_connect(
        f"{ws_base(screen_base)}/ws/ecran-lien/{setup['token']}/",
        **websocket_options(screen_base),
        origin=screen_base,
        max_size=2**24,
        open_timeout=30,
    )
    await screen.recv()
    seen: list = []
    done = asyncio.Event()
    # The room has joined when the projector counts every phone connected: the server has
    # then done all its work for them (a phone's socket is open before that work ends).
    all_connected = asyncio.Event()
    watcher = asyncio.create_task(watch(screen, seen, args.phones, done, all_connected))

    # Join: HTTP join then WebSocket, every phone at once (bounded in flight).
    gate = asyncio.Semaphore(args.concurrency)
    # Several small clients, not one big one: httpx's pool looks at every connection it holds
    # for every request, and with a hundred connections the generator spent 10 ms of CPU on
    # each phone's POST (cProfile), more than the server did.
    per_client = 10
    # Shared clients, so their jars must keep nobody's cookies: each phone sends its own.
    import http.cookiejar

    jar = http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    verify=UNVERIFIED_TLS,
                    limits=httpx.Limits(
                        max_connections=per_client, max_keepalive_connections=per_client
                    ),
                    timeout=60,
                    cookies=jar,
                )
            )
            for _ in range(max(1, -(-args.concurrency // per_client)))
        ]

        async def join_one(phone: Phone):
            base = bases[phone.index % len(bases)]
            http = clients[phone.index % len(clients)]
            async with gate:
                try:
                    await join(phone, http, base, setup["code"])
                    phone.socket = await connect(phone, base, setup["session"])
                except Exception as error:  # counted as a failed join
                    phone.join_error = f"{type(error).__name__}: {error}"

        cpu_before = server_cpu(pids)
        generator_before = time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(join_one(p) for p in phones))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_connected.wait(), timeout=30)
        join_seconds = time.perf_counter() - started
        # CPU the servers spent per join: comparable between runs on a busy machine, where
        # the wall-clock time is not. And this generator's own, on the same cores.
        join_cpu_ms = (server_cpu(pids) - cpu_before) * 1000 / max(len(phones), 1)
        generator_cpu_ms = (time.process_time() - generator_before) * 1000 / max(len(phones), 1)
    joined = [p for p in phones if p.socket is not None]
    # Progress, for whoever profiles the server during the answers only (py-spy).
    print(f"# {len(joined)} rejoints en {join_seconds:.1f} s, réponses…", flush=True)

    # Answers: spread over the window, or all at the same instant.
    dropping = set(random.sample(range(len(joined)), int(len(joined) * args.drop)))
    lags: list[float] = []
    answering = asyncio.Event()
    lag_probe = asyncio.create_task(loop_lag(lags, answering))
    t0 = time.perf_counter()
    await asyncio.gather(
        *(
            answer(
                phone,
                args,
                setup,
                bases[phone.index % len(bases)],
                0 if args.burst else random.uniform(0, args.window),
                i in dropping,
            )
            for i, phone in enumerate(joined)
        ),
        return_exceptions=True,
    )
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), timeout=15)
    all_shown = time.perf_counter() - t0 if done.is_set() else None
    answering.set()
    await lag_probe
    follow_s = None
    if setup.get("facilitator_cookie"):
        follow_s = await step_change(setup, bases, [p for p in joined if p.acked_at])
    stop.set()
    watcher.cancel()
    if sampler:
        await sampler
    await screen.close()
    for phone in joined:
        await phone.socket.close()

    acked = sorted((p for p in joined if p.acked_at and not p.error), key=lambda p: p.acked_at)
    latencies, timings = [], []
    for rank, phone in enumerate(acked, start=1):
        shown = next((t for t, count in seen if count >= rank), None)
        if shown is not None:
            latencies.append((shown - phone.sent_at) * 1000)
            timings.append([phone.sent_at - t0, phone.acked_at - t0, shown - t0])
    if args.trace:
        # Every answer's times from the window's start (s): where in the window it lagged.
        trace = {
            "answers": timings,  # [sent, acknowledged, shown on the projector]
            "screen": [[t - t0, count] for t, count in seen],
            # The window's start as a wall-clock time, to read the server's own logs against.
            "window_start": time.time() - (time.perf_counter() - t0),
        }
        Path(args.trace).write_text(json.dumps(trace))
    first_send = min((p.sent_at for p in joined if p.sent_at), default=t0)
    last_ack = max((p.acked_at for p in acked), default=first_send)
    return {
        "follow_s": follow_s,
        "joined": len(joined),
        "join_failures": len(phones) - len(joined),
        "join_error": next((p.join_error for p in phones if p.join_error), None),
        "join_s": join_seconds,
        "join_cpu_ms": join_cpu_ms if pids else None,
        "generator_cpu_ms": generator_cpu_ms,
        "acked": len(acked),
        "refused": sum(1 for p in joined if p.error),
        "refusal": next((p.error for p in joined if p.error), None),
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "answers_per_s": len(acked) / max(last_ack - first_send, 1e-9),
        "all_shown_s": all_shown,
        # The highest count shown (the step change at the end may show another activity's).
        "screen_final": max((count for _, count in seen), default=0),
        "screen_pushes": len(seen),
        "rss_mb": max(peak) if peak else None,
        "generator_lag_p95": percentile(lags, 0.95),
        # The longest the projector went without an update while answers came in, from the
        # first answer sent (a screen that is late from the start counts too).
        "screen_gap_ms": max(
            (
                (later - earlier) * 1000
                for earlier, later in itertools.pairwise(
                    [first_send]
                    + [
                        t
                        for t, _ in seen
                        if first_send < t and (all_shown is None or t <= t0 + all_shown)
                    ]
                )
            ),
            default=None,
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--window", type=float, default=3.0, help="seconds to answer in")
    parser.add_argument("--burst", action="store_true", help="every answer at the same instant")
    parser.add_argument("--drop", type=float, default=0.0, help="share of phones that drop")
    parser.add_argument(
        "--activity",
        default="vote",
        choices=["vote", "icebreaker", "open_question", "classify", "cowrite"],
    )
    parser.add_argument("--groups", type=int, default=8, help="cowrite: groups")
    parser.add_argument("--seconds", type=float, default=120, help="cowrite: seconds of typing")
    parser.add_argument("--every", type=float, default=2.0, help="cowrite: seconds between saves")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--layer", default="memory", choices=["memory", "redis"])
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--redis-layer", default="pubsub", choices=["pubsub", "core"])
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--concurrency", type=int, default=100, help="joins in flight")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/fne92_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--url", help="target a running server instead of starting one")
    parser.add_argument(
        "--via", help="go through this proxy (nginx) in front of the servers it starts"
    )
    parser.add_argument("--code", help="with --url: the session's join code")
    parser.add_argument("--screen", help="with --url: the session's screen token")
    parser.add_argument("--session", type=int, help="with --url: the session id")
    parser.add_argument("--activity-id", type=int, help="with --url: the activity id")
    parser.add_argument("--trace", help="write every answer's timings to this JSON file")
    args = parser.parse_args()
    # Stopped from outside (timeout, Ctrl+C): still stop the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if args.processes > 1 and args.layer != "redis":
        sys.exit("Plusieurs processus partagent la couche Redis : ajoutez --layer redis.")
    if args.activity == "cowrite":
        cowrite_main(args)
        return

    print(
        f"# {args.phones} téléphones, "
        + ("tous au même instant" if args.burst else f"fenêtre {args.window:g} s")
        + (f", {args.drop:.0%} se déconnectent et renvoient" if args.drop else "")
        + f", activité {args.activity}, {args.db} + {args.layer}, {args.processes} processus"
        + (f", par {args.via}" if args.via else "")
    )
    results = []
    for number in range(1, args.runs + 1):
        servers = []
        if args.url:
            setup = {
                "code": args.code,
                "token": args.screen,
                "session": args.session,
                "activity": args.activity_id,
            }
            bases, pids, env = [args.url.rstrip("/")], [], None
        else:
            env = environment(args)
            if args.db == "postgres":
                fresh_postgres(args.postgres_url)
            setup = run_python(SETUP.replace("ACTIVITY", repr(args.activity)), env)
            # Behind the proxy, as production runs them (deploy/systemd/fne92-daphne@.service).
            options = ("--proxy-headers",) if args.via else ()
            servers = start_servers(args.processes, env, args.port, options)
            bases = [f"http://127.0.0.1:{args.port + i}" for i in range(args.processes)]
            if args.via:  # every phone and the projector through the proxy, nginx choosing
                bases = [args.via.rstrip("/")]
            pids = [s.pid for s in servers]
        try:
            result = asyncio.run(one_run(args, setup, bases, pids))
        finally:
            for server in servers:
                server.terminate()
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:  # stuck in its shutdown: see the README
                    server.kill()
                    server.wait()
        if env:
            stored = run_python(COUNT_ROWS.replace("SESSION", str(setup["session"])), env)
            result["rows"] = stored["rows"]
            result["duplicates"] = stored["rows"] - stored["participants"]
            result["lost"] = result["acked"] - stored["rows"] + result["duplicates"]
        results.append(result)
        print_run(number, result)
    if len(results) > 1:
        print_summary(results)


def fmt(value, unit="", digits=0) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return f"{value:.{digits}f}{unit}"


def print_run(number: int, r: dict) -> None:
    print(
        f"run {number}: joined {r['joined']} in {fmt(r['join_s'], ' s', 2)}"
        f" (CPU per join: server {fmt(r['join_cpu_ms'], ' ms', 1)},"
        f" generator {fmt(r['generator_cpu_ms'], ' ms', 1)})"
        f" ({r['join_failures']} failed{'; ' + r['join_error'] if r['join_error'] else ''})"
        f" | latency p50 {fmt(r['p50'], ' ms')} p95 {fmt(r['p95'], ' ms')}"
        f" p99 {fmt(r['p99'], ' ms')}"
        f" | {fmt(r['answers_per_s'], ' answers/s')}"
        f" | all on screen after {fmt(r['all_shown_s'], ' s', 2)}"
        f" (screen {r['screen_final']}, {r['screen_pushes']} pushes)"
        f" | rows {r.get('rows', '—')}, lost {r.get('lost', '—')},"
        f" duplicates {r.get('duplicates', '—')}, refused {r['refused']}"
        f" | server RSS {fmt(r['rss_mb'], ' MB')}"
        f" | next step on every phone after {fmt(r['follow_s'], ' s', 2)}"
        f" | longest wait for a screen update {fmt(r['screen_gap_ms'], ' ms')}"
        f" | generator loop lag p95 {fmt(r['generator_lag_p95'], ' ms')}"
    )
    if r["refusal"]:
        print(f"        refusal: {r['refusal']}")


def print_summary(results: list[dict]) -> None:
    def median(key):
        values = [r[key] for r in results if r.get(key) is not None]
        return statistics.median(values) if values else None

    def worst(key, high=True):
        values = [r[key] for r in results if r.get(key) is not None]
        return (max(values) if high else min(values)) if values else None

    print(
        "median (worst): "
        f"join {fmt(median('join_s'), ' s', 2)} ({fmt(worst('join_s'), ' s', 2)})"
        f", CPU per join: server {fmt(median('join_cpu_ms'), ' ms', 1)}"
        f", generator {fmt(median('generator_cpu_ms'), ' ms', 1)}"
        f" | p50 {fmt(median('p50'), ' ms')} ({fmt(worst('p50'), ' ms')})"
        f" | p95 {fmt(median('p95'), ' ms')} ({fmt(worst('p95'), ' ms')})"
        f" | p99 {fmt(median('p99'), ' ms')} ({fmt(worst('p99'), ' ms')})"
        f" | {fmt(median('answers_per_s'), ' answers/s')}"
        f" ({fmt(worst('answers_per_s', high=False), ' answers/s')})"
        f" | all shown {fmt(median('all_shown_s'), ' s', 2)} ({fmt(worst('all_shown_s'), ' s', 2)})"
        f" | lost {worst('lost')} | duplicates {worst('duplicates')}"
        f" | RSS {fmt(median('rss_mb'), ' MB')} ({fmt(worst('rss_mb'), ' MB')})"
        f" | next step everywhere {fmt(median('follow_s'), ' s', 2)}"
        f" ({fmt(worst('follow_s'), ' s', 2)})"
    )


# Co-writing: phones in groups autosaving their sheet's fields -----------------------------------
COWRITE_SETUP = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from live import cowriting, sessions
from quizzes.models import Activity
from workshops.models import Step
from workshops.seed import load_seed
programme, _ = load_seed()
workshop = programme.workshops.get(number=1)
user = get_user_model().objects.create_user("bench", password=None)
activity = Activity.objects.create(kind="cowrite", title="Co-rédaction",
                                   config={"grouping": "random", "groups": GROUPS, "axes": []})
step = Step.objects.create(workshop=workshop, order=999, kind="activity", title="Co-rédaction",
                           activity=activity)
session = sessions.start_session(workshop=workshop, user=user)
sessions.go_to_step(session=session, step=step)
run = sessions.run_for(session=session, step=step)
people = [sessions.join(session=session, pseudonym=f"Téléphone {i}") for i in range(PHONES)]
sessions.perform_action(session=session, run=run, action="form_groups")
phones = []
for person in people:
    group = cowriting.group_of(run=run, participant=person)
    cookie = sessions.write_participants({session.pk: person.pk})
    phones.append({"cookie": f"{sessions.PARTICIPANT_COOKIE}={cookie}", "group": group.pk,
                   "participant": person.pk})
print(json.dumps({"session": session.pk, "phones": phones, "token": session.screen_token}))
"""

COWRITE_STORED = """
import json, django
django.setup()
from live.models import CowriteField, CowriteRevision
fields = {f"{f.group_id}:{f.name}": f.text for f in CowriteField.objects.all()}
print(json.dumps({"fields": fields, "revisions": CowriteRevision.objects.count()}))
"""
# The sheet's fields a phone may type in (the title is short: 200 characters).
COWRITE_FIELDS = [
    "need", "objectives", "publics", "lead", "partners", "actions", "calendar", "cost",
    "indicators",
]  # fmt: skip


@dataclass
class Writer:
    """A phone typing in its own field of its group's sheet, one autosave every `every` s."""

    index: int
    cookie: str
    group: int
    name: str = ""  # the field it types in
    socket: object = None
    version: int = 0
    acked_text: str = ""  # the last text the server acknowledged
    sent: dict = field(default_factory=dict)  # token -> send time
    acks: list = field(default_factory=list)  # ms from sending to the acknowledgement
    refused: int = 0
    conflicts: int = 0


async def cowrite_phone(writer: Writer, base: str, session: int, group_members: dict):
    from websockets.asyncio.client import connect as ws_connect

    writer.socket = await ws_connect(
        f"{ws_base(base)}/ws/atelier/{session}/fiche/{writer.group}/",
        **websocket_options(base),
        additional_headers={"Cookie": writer.cookie},
        origin=base,
        open_timeout=60,
    )
    snapshot = json.loads(await writer.socket.recv())
    stored = snapshot["fields"].get(writer.name)
    if stored:
        writer.acked_text, writer.version = stored["text"], stored["version"]


async def cowrite_listen(writer: Writer, seen: dict, acks: asyncio.Queue):
    """Every push a phone receives: when it first sees another phone's token, and its acks."""
    async for raw in writer.socket:
        message = json.loads(raw)
        if message["type"] == "fields":
            now = time.perf_counter()
            for pushed in message["fields"]:
                for token in re.findall(r"w\d+n\d+", pushed["text"]):
                    seen.setdefault((token, writer.index), now)
        elif message.get("seq") is not None:
            await acks.put(message)


async def cowrite_type(writer: Writer, every: float, until: float, acks: asyncio.Queue):
    await asyncio.sleep(random.uniform(0, every))
    number = 0
    while time.perf_counter() < until:
        number += 1
        token = f"w{writer.index}n{number}"
        text = (writer.acked_text + " " + token).strip()
        writer.sent[token] = time.perf_counter()
        await writer.socket.send(
            json.dumps(
                {"type": "save", "name": writer.name, "text": text, "version": writer.version,
                 "seq": number}
            )
        )  # fmt: skip
        reply = await acks.get()
        writer.acks.append((time.perf_counter() - writer.sent[token]) * 1000)
        if reply["type"] == "saved":
            writer.version = reply["version"]
            writer.acked_text = reply.get("text", text)
        elif reply["type"] == "conflict":
            writer.conflicts += 1
            writer.version = reply["version"]
        else:
            writer.refused += 1
        await asyncio.sleep(max(0.0, every - (time.perf_counter() - writer.sent[token])))


async def cowrite_run(args, setup: dict, base: str, pids: list[int]) -> dict:
    writers = [
        Writer(index=i, cookie=p["cookie"], group=p["group"]) for i, p in enumerate(setup["phones"])
    ]
    members: dict[int, list[Writer]] = {}
    for writer in writers:
        members.setdefault(writer.group, []).append(writer)
    for group in members.values():  # each phone its own field of its group's sheet
        for position, writer in enumerate(group):
            writer.name = COWRITE_FIELDS[position % len(COWRITE_FIELDS)]
    await asyncio.gather(*(cowrite_phone(w, base, setup["session"], members) for w in writers))
    # The projector, showing the groups' progress all along.
    from websockets.asyncio.client import connect as ws_connect

    screen = await ws_connect(
        f"{ws_base(base)}/ws/ecran-lien/{setup['token']}/", origin=base, max_size=2**24
    )
    screen_pushes = []

    async def watch_screen():
        async for _message in screen:
            screen_pushes.append(time.perf_counter())

    screen_task = asyncio.create_task(watch_screen())
    peak = [0.0] * len(pids)
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pids, peak, stop))
    lags: list[float] = []
    lagger = asyncio.create_task(loop_lag(lags, stop))
    seen: dict = {}
    queues = {w.index: asyncio.Queue() for w in writers}
    listeners = [asyncio.create_task(cowrite_listen(w, seen, queues[w.index])) for w in writers]
    cpu_before = server_cpu(pids)
    started = time.perf_counter()
    until = started + args.seconds
    await asyncio.gather(*(cowrite_type(w, args.every, until, queues[w.index]) for w in writers))
    await asyncio.sleep(1.0)  # the last pushes
    cpu = server_cpu(pids) - cpu_before
    elapsed = time.perf_counter() - started
    stop.set()
    await sampler
    await lagger
    for task in [*listeners, screen_task]:
        task.cancel()
    await screen.close()
    for writer in writers:
        await writer.socket.close()
    latencies, missing = [], 0
    for writer in writers:
        others = [w for w in members[writer.group] if w is not writer]
        for token, sent_at in writer.sent.items():
            for other in others:
                at = seen.get((token, other.index))
                if at is None:
                    missing += 1
                else:
                    latencies.append((at - sent_at) * 1000)
    return {
        "writers": writers,
        "saves": sum(len(w.sent) for w in writers),
        "refused": sum(w.refused for w in writers),
        "conflicts": sum(w.conflicts for w in writers),
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "not_seen": missing,
        "ack_p95": percentile([ms for w in writers for ms in w.acks], 0.95),
        "screen_pushes": len(screen_pushes),
        "generator_lag_p95": percentile(lags, 0.95),
        "cpu_share": cpu / elapsed,
        # Comparable on a busy machine, where the latencies are not.
        "cpu_ms_per_save": cpu * 1000 / max(1, sum(len(w.sent) for w in writers)),
        "rss_mb": max(peak) if peak else None,
    }


def cowrite_main(args) -> None:
    phones = 60 if args.phones == 1000 else args.phones  # the default is the vote's room
    print(
        f"# co-rédaction : {phones} téléphones en {args.groups} groupes, une sauvegarde toutes "
        f"les {args.every:g} s pendant {args.seconds:g} s, {args.db} + {args.layer}"
        f" (charge de la machine : {os.getloadavg()[0]:.1f})"
    )
    for number in range(1, args.runs + 1):
        env = environment(args)
        if args.db == "postgres":
            fresh_postgres(args.postgres_url)
        setup = run_python(
            COWRITE_SETUP.replace("GROUPS", str(args.groups)).replace("PHONES", str(phones)), env
        )
        servers = start_servers(1, env, args.port)
        try:
            result = asyncio.run(
                cowrite_run(args, setup, f"http://127.0.0.1:{args.port}", [servers[0].pid])
            )
        finally:
            servers[0].terminate()
            servers[0].wait(timeout=15)
        stored = run_python(COWRITE_STORED, env)["fields"]
        lost = sum(
            1
            for w in result["writers"]
            if w.acked_text and w.acked_text != stored.get(f"{w.group}:{w.name}")
        )
        print(
            f"run {number}: {result['saves']} autosaves, refused {result['refused']},"
            f" conflicts {result['conflicts']}"
            f" | saved → seen by the rest of the group p50 {fmt(result['p50'], ' ms')}"
            f" p95 {fmt(result['p95'], ' ms')} p99 {fmt(result['p99'], ' ms')}"
            f" | acknowledged p95 {fmt(result['ack_p95'], ' ms')}"
            f" | projector redrawn {result['screen_pushes']} times"
            f" | never seen {result['not_seen']}"
            f" | fields whose last acknowledged text is not the stored one (lost) {lost}"
            f" | server CPU {fmt(100 * result['cpu_share'], ' %')} of a core,"
            f" {fmt(result['cpu_ms_per_save'], ' ms', 1)} per autosave"
            f" | server RSS {fmt(result['rss_mb'], ' MB')}"
            f" | generator loop lag p95 {fmt(result['generator_lag_p95'], ' ms')}"
        )


if __name__ == "__main__":
    main()
