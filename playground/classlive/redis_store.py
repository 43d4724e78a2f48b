"""The Redis store: classes shared by every app process that points at one Redis
(TINYNET_STORE=redis://host:port/db), so a class works behind a load balancer.

Keys of one room (the {code} braces keep them together on a Redis cluster):
    classlive:{CODE}:room       hash: token digest, setup, locks, paused, anonymous,
                                version, setup_version, seats, last_active
    classlive:{CODE}:students   hash: student id -> "seat:name"
    classlive:{CODE}:summaries  hash: student id -> summary JSON
    classlive:{CODE}:posts      hash: student id -> posts this window (expires with the window)
and two kinds shared by all rooms:
    classlive:rooms             sorted set: code -> when it expires (ms), to count live rooms
    classlive:limit:<key>       a rate counter that expires with its window

Every change is one Lua script, so it is atomic between processes, and every
change that keeps a room alive sets its keys' time to live again (idle_seconds):
Redis itself then deletes an idle room. Any failure to talk to Redis becomes
StoreUnavailable; no redis exception leaves this module.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .errors import StoreUnavailable
from .store import ClassStore, Refused, Stored

TIMEOUT = 0.5  # seconds to connect, and to wait for a reply: Redis answers in well under 1 ms
PREFIX = "classlive"

# Scripts share the arguments: KEYS = room, students, summaries, posts, rooms;
# ARGV = code, now (s), now (ms), idle (ms), then each script's own from ARGV[5].
_TOUCH = """
local function touch()
  redis.call('HSET', KEYS[1], 'last_active', ARGV[2])
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
  redis.call('ZADD', KEYS[5], tonumber(ARGV[3]) + tonumber(ARGV[4]), ARGV[1])
end
"""
_INSERT = _TOUCH + """
if redis.call('EXISTS', KEYS[1]) == 1 then return 'taken' end
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[5]) >= tonumber(ARGV[5]) then return 'full' end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
touch()
return 'ok'
"""  # ARGV[5] max rooms, then field, value, ...
_ADD_STUDENT = _TOUCH + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 'gone' end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[7]) then return 'full' end
local seat = redis.call('HINCRBY', KEYS[1], 'seats', 1)
redis.call('HSET', KEYS[2], ARGV[5], seat .. ':' .. ARGV[6])
touch()
return seat
"""  # ARGV[5] student id, [6] name, [7] max students
_PUT_SUMMARY = _TOUCH + """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[2], ARGV[5]) == 0 then return 'gone' end
local posts = redis.call('HINCRBY', KEYS[4], ARGV[5], 1)
if redis.call('PTTL', KEYS[4]) < 0 then redis.call('PEXPIRE', KEYS[4], ARGV[8]) end
if posts > tonumber(ARGV[7]) then return 'limited' end
redis.call('HSET', KEYS[3], ARGV[5], ARGV[6])
touch()
return 'ok'
"""  # ARGV[5] student id, [6] summary, [7] posts a window, [8] window (ms)
_UPDATE = _TOUCH + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 'gone' end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
if #ARGV > 5 then redis.call('HSET', KEYS[1], unpack(ARGV, 6)) end
if ARGV[5] == '1' then redis.call('HSET', KEYS[1], 'setup_version', version) end
touch()
return version
"""  # ARGV[5] "1" when the setup changed, then field, value, ...


class RedisStore(ClassStore):
    """Thread-safe (redis-py keeps a pool of connections). Making one does not
    connect: a Redis that is down is reported by the first call that needs it."""

    def __init__(self, url: str, limits=None, clock=None):
        super().__init__(limits, clock)
        parts = urlsplit(url)
        # where it is, for messages: never the password
        self.where = f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}{parts.path or '/0'}"
        try:
            self._redis = redis.Redis.from_url(
                url, decode_responses=True, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT,
                retry=Retry(NoBackoff(), 1),  # once more at once (a restarted Redis), not 3 times with waits
            )
        except ValueError as error:  # redis-py's own check of the URL
            raise ValueError(f"class store {self.where}: {error}") from None
        self._scripts = {name: self._redis.register_script(text) for name, text in
                         (("insert", _INSERT), ("add_student", _ADD_STUDENT), ("put_summary", _PUT_SUMMARY),
                          ("update", _UPDATE))}

    def _insert_room(self, code, fields):
        return _refused(self._run("insert", code, self.limits.max_rooms, *_pairs(fields)))

    def _read_room(self, code, roster):
        room, students, summaries, _, _ = self._keys(code)
        with self._talking(), self._redis.pipeline() as pipe:
            pipe.hgetall(room).hlen(students)
            if roster:
                pipe.hgetall(students).hgetall(summaries)
            fields, count, *lists = pipe.execute()
        if not fields:
            return None
        seats = None
        if roster:
            names, runs = lists
            seats = []
            for student, seat_and_name in names.items():
                seat, name = seat_and_name.split(":", 1)
                seats.append((int(seat), name, runs.get(student)))
        return Stored(code, fields, count, seats)

    def _add_student(self, code, student, name):
        return _refused(self._run("add_student", code, student, name, self.limits.max_students))

    def _put_summary(self, code, student, summary):
        limit = self.limits.posts_per_window
        window = _ms(min(self.limits.window_seconds, self.limits.idle_seconds))  # never outlives the room
        return _refused(self._run("put_summary", code, student, summary, limit, window))

    def _update_room(self, code, changes, setup_changed):
        return _refused(self._run("update", code, "1" if setup_changed else "0", *_pairs(changes)))

    def _delete_room(self, code):
        *room_keys, rooms = self._keys(code)
        with self._talking(), self._redis.pipeline() as pipe:
            pipe.delete(*room_keys).zrem(rooms, code).execute()

    def _count(self, key, add):
        key = f"{PREFIX}:limit:{key}"
        with self._talking():
            if not add:
                return int(self._redis.get(key) or 0)
            with self._redis.pipeline() as pipe:  # a transaction: the window starts with the first count
                pipe.set(key, 0, nx=True, px=_ms(self.limits.window_seconds)).incrby(key, add)
                return pipe.execute()[-1]

    def _run(self, script: str, code: str, *args):
        now = self.clock()
        shared = [code, repr(now), _ms(now), _ms(self.limits.idle_seconds)]
        with self._talking():
            return self._scripts[script](keys=self._keys(code), args=[*shared, *args])

    def _keys(self, code: str) -> list[str]:
        room = f"{PREFIX}:{{{code}}}"
        return [f"{room}:room", f"{room}:students", f"{room}:summaries", f"{room}:posts", f"{PREFIX}:rooms"]

    @contextlib.contextmanager
    def _talking(self):
        try:
            yield
        except redis.RedisError as error:
            reason = " ".join(str(error).split())[:200].rstrip(".") or type(error).__name__
            raise StoreUnavailable(f"the class store ({self.where}) is not answering: {reason}. "
                                   "The Playground still works; the class board will be back when it is."
                                   ) from error


def _refused(reply):
    """A script's reply: 'ok' -> None, a refusal -> Refused, a number -> itself."""
    if isinstance(reply, str):
        return None if reply == "ok" else Refused(reply)
    return reply


def _pairs(fields: dict[str, str]) -> list[str]:
    return [item for pair in fields.items() for item in pair]


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
