"""The load test's users: signed-in people clicking through a realistic mix of pages.

Runs ONLY in the load test's own virtualenv (`bench/load/.venv`, made by `make load`), never
beside Django: it knows the application by its URLs alone. `bench/load/run.py` drives it; the
pages' ids come from `targets.py` (run by the project's interpreter) through the file named by
LOAD_TARGETS.

User classes, chosen on locust's command line:
- SectorUser, ProvinceUser: the mix (half each), signing in through the real login form (CSRF)
  as the demo's sector administrator/officer and a province's officer/head; 1–3 s between
  clicks (LOAD_NO_WAIT=1: none, to find where the mix saturates). The sector eligibility screen
  is 4 % of a sector user's clicks, 2 % of the mix.
- BareUser: /healthz (no login, one query), no wait: the server's ceiling.
- MemoryUser: a fixed plan of LOAD_MEMORY_REQUESTS mixed requests (1 in 50 the sector
  eligibility screen), shared by all users; locust stops when it is done.
The requests made until every user has signed in (PBKDF2 is slow on purpose) and for
LOAD_WARMUP seconds after are thrown away; then the run is measured for LOAD_RUN_TIME seconds.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

import gevent
from locust import between, constant, events, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["LOAD_TARGETS"], encoding="utf-8") as f:
    TARGETS = json.load(f)
PASSWORD = TARGETS["password"]
WARMUP = float(os.environ.get("LOAD_WARMUP", "0"))
RUN_TIME = float(os.environ.get("LOAD_RUN_TIME", "0"))
NO_WAIT = os.environ.get("LOAD_NO_WAIT") == "1"
MEMORY_REQUESTS = int(os.environ.get("LOAD_MEMORY_REQUESTS", "1000"))
LOGIN = "/tai-khoan/dang-nhap/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCHES = ["nguyen", "tran van", "le thi", "hoa", "pham", "kiem sat vien", "hung", "linh"]


ENVIRONMENT: dict = {}
STATE = {"signed_in": 0, "measuring": False}


@events.init.add_listener
def _keep_environment(environment, **kwargs) -> None:
    ENVIRONMENT["env"] = environment


def start_measuring() -> None:
    """WARMUP seconds on, forget every request so far (sign-ins, cold caches); then measure for
    RUN_TIME seconds (0: until locust's own --run-time) and stop."""
    if STATE["measuring"]:
        return
    STATE["measuring"] = True
    runner = ENVIRONMENT["env"].runner

    def measure() -> None:
        gevent.sleep(WARMUP)
        runner.stats.reset_all()
        print(f"load: measuring for {RUN_TIME:.0f} s", flush=True)
        if RUN_TIME > 0:
            gevent.sleep(RUN_TIME)
            print("load: measured", flush=True)
            runner.quit()

    gevent.spawn(measure)


@events.spawning_complete.add_listener
def _all_spawned(user_count: int, **kwargs) -> None:
    """Users who do not sign in (the bare view) are measured once they are all spawned."""
    if not any(issubclass(cls, SignedIn) for cls in ENVIRONMENT["env"].user_classes):
        start_measuring()


def pages(account: dict, sector: bool) -> dict[str, str | list[str]]:
    """Each page of the mix by its name in the report: one URL, or several picked at random."""
    unit = account["unit"]
    found = {
        "trang chủ": "/",
        "trang đơn vị": [f"/don-vi/{pk}/" for pk in account["units"]],
        "danh sách cán bộ": "/can-bo/",
        "tìm cán bộ": [f"/can-bo/?q={q.replace(' ', '+')}" for q in SEARCHES],
        "trang cán bộ": [f"/can-bo/{pk}/" for pk in account["people"]],
        "danh sách phong trào": "/phong-trao/",
        "trang phong trào": [f"/phong-trao/{pk}/" for pk in account["movements"]],
        "tổng hợp đăng ký": "/phong-trao/dang-ky/tong-hop/",
        "danh sách hồ sơ": "/ho-so/",
        "hội đồng / phiên họp": account["council"],
        "sổ khen thưởng": "/bao-cao/so-khen-thuong/",
        "bảng điều khiển": "/bao-cao/",
        "xét điều kiện tỉnh": f"/xet-dieu-kien/don-vi/{TARGETS['province'][0]['unit']}/",
        "bảng số liệu năm": f"/khen-thuong/don-vi/{unit}/so-lieu-nam/" if account["edits"] else "",
    }
    if sector:
        found["xét điều kiện toàn ngành"] = f"/xet-dieu-kien/don-vi/{unit}/"
    return {name: url for name, url in found.items() if url}


class SignedIn(FastHttpUser):
    abstract = True
    wait_time = constant(0) if NO_WAIT else between(1, 3)
    sector = False
    group = "province"
    measured = True  # by start_measuring
    _accounts: itertools.cycle | None = None

    def on_start(self) -> None:
        cls = type(self)
        if cls._accounts is None:
            cls._accounts = itertools.cycle(TARGETS[self.group])
        self.account = next(cls._accounts)
        self.pages = pages(self.account, self.sector)
        self.sign_in(self.account["username"])
        # Measured once every user has signed in (PBKDF2 is slow on purpose) and warmed up.
        STATE["signed_in"] += 1
        if self.measured and STATE["signed_in"] >= self.environment.runner.target_user_count:
            start_measuring()

    def sign_in(self, username: str) -> None:
        with self.client.get(LOGIN, name="đăng nhập (mẫu)", catch_response=True) as page:
            token = CSRF.search(page.text or "")
            if token is None:
                page.failure("no CSRF token on the login page")
                return
        with self.client.post(
            LOGIN,
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
            headers={"Referer": self.host + LOGIN},
            name="đăng nhập (gửi)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            # Signed in: a redirect away from the login page; refused: the form again (200).
            if answer.status_code != 302 or LOGIN in answer.headers.get("Location", LOGIN):
                answer.failure(f"sign-in of {username} refused ({answer.status_code})")

    def open(self, name: str) -> None:
        url = self.pages.get(name)
        if url is None:
            return
        if isinstance(url, list):
            url = random.choice(url)
        # Not following redirects: every page of the mix answers 200 itself (a redirect would be
        # the login page, a lost session).
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"{page.status_code} for {url} {page.error or ''}")


def _task(name: str, weight: int):
    def click(self: SignedIn) -> None:
        self.open(name)

    click.__name__ = f"open {name}"
    return task(weight)(click)


# Weights out of 100 per user class.
MIX = {
    "trang chủ": (12, 12),
    "trang đơn vị": (8, 9),
    "danh sách cán bộ": (8, 9),
    "tìm cán bộ": (8, 9),
    "trang cán bộ": (12, 14),
    "danh sách phong trào": (6, 7),
    "trang phong trào": (6, 6),
    "tổng hợp đăng ký": (5, 5),
    "danh sách hồ sơ": (6, 7),
    "hội đồng / phiên họp": (5, 0),
    "sổ khen thưởng": (6, 7),
    "bảng điều khiển": (6, 6),
    "xét điều kiện toàn ngành": (4, 0),
    "xét điều kiện tỉnh": (3, 4),
    "bảng số liệu năm": (5, 5),
}


class SectorUser(SignedIn):
    sector = True
    group = "sector"
    tasks = [_task(name, w) for name, (w, _) in MIX.items() if w]


class ProvinceUser(SignedIn):
    group = "province"
    tasks = [_task(name, w) for name, (_, w) in MIX.items() if w]


class BareUser(FastHttpUser):
    """The ceiling: a view with no login and one query, asked as fast as the server answers."""

    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="/healthz")


def memory_plan(n: int) -> list[str]:
    """n page names of the mix in a fixed order; every 50th is the sector eligibility screen."""
    names = [name for name, (w, _) in MIX.items() if w and name != "xét điều kiện toàn ngành"]
    weights = [MIX[name][0] for name in names]
    rnd = random.Random(7)
    plan = rnd.choices(names, weights, k=n)
    for i in range(49, n, 50):
        plan[i] = "xét điều kiện toàn ngành"
    return plan


class MemoryUser(SignedIn):
    """Works through one shared plan of mixed requests as the sector's users, then stops."""

    sector = True
    group = "sector"
    measured = False  # every request counts, up to the plan's end
    wait_time = constant(0)
    plan = iter(memory_plan(MEMORY_REQUESTS))
    done = 0

    @task
    def next_page(self) -> None:
        name = next(MemoryUser.plan, None)
        if name is None:  # the others finish the last requests of the plan
            gevent.sleep(0.2)
            return
        self.open(name)
        MemoryUser.done += 1
        if MemoryUser.done >= MEMORY_REQUESTS:  # a second for the last answer's stats
            gevent.spawn_later(1, self.environment.runner.quit)
