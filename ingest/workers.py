"""Worker processes for the per-file stages, where one file can cost only itself.

Not `ProcessPoolExecutor`: when one of its workers dies (the out-of-memory killer, pdfium
aborting at a memory limit, a segfault) every pending job fails with `BrokenProcessPool` and
nobody knows which file did it; it cannot stop one job that runs too long; and after the main
process is killed its workers waited on their queue for minutes. Here the main process hands
each worker one job at a time over its own pipe, so it always knows which file a worker holds:

- a job past its time limit (plus a grace for the job's own alarm to fire) has its worker killed
  and is reported as timed out; a new worker takes the next job;
- a worker that dies costs only the job it held: that job is tried once more, alone, after the
  others (the out-of-memory killer may have picked an innocent worker), then reported as failed;
- before each job a worker caps the address space the job may add (RLIMIT_AS);
- a worker exits as soon as the main process is gone (PR_SET_PDEATHSIG, and a thread that
  waits for the end of a pipe only the main process writes to);
- a worker is replaced after `per_worker` jobs, so no worker's memory piles up over a long run
  (CPython's max_tasks_per_child hangs on Python 3.11 and 3.12: gh-115634).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing as mp
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ingest.errors import IngestError

log = logging.getLogger(__name__)


@dataclass
class JobError:
    """Why one file's job gave no documents, as its report line says it: the error's code (a
    string, as the JSON report keeps it), the message naming the file and what to do, the stage."""

    code: str
    reason: str
    stage: str

    @classmethod
    def of(cls, error: IngestError, stage: str) -> JobError:
        return cls(code=error.code, reason=str(error), stage=stage)


@dataclass
class JobResult:
    """What a per-file job sends back to the main process: the file's documents (as JSON), or
    why there are none, or the scanned pages it waits for (OCR's first pass); and the warnings
    logged while it ran, which the main process logs under the file's name."""

    name: str
    documents: list[dict[str, Any]] | None = None
    error: JobError | None = None
    ocr_pending: list[int] | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    """A job that returned nothing: "timeout" (killed past its time limit), "died" (its worker
    stopped, twice) or "error" (it raised); `detail` says how, in words."""

    kind: str
    detail: str


class WorkerPool(Executor):
    def __init__(self, workers: int, per_worker: int = 50, time_limit: float | None = None,
                 memory_limit: int | None = None, grace: float | None = None) -> None:
        self.workers = max(1, workers)
        self.per_worker = per_worker
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        if memory_limit and not _can_cap_memory():
            log.warning("the memory limit for one file (--memory-limit) cannot be set on this system "
                        "(no RLIMIT_AS or /proc/self/status): files are read without it")
        # Past the limit the job's own alarm stops Python code; the kill is for C code that
        # does not return (a page pdfium takes minutes over).
        self.grace = grace if grace is not None else (min(30.0, max(2.0, time_limit / 10)) if time_limit else 0.0)

    def map(self, fn, *iterables, timeout=None, chunksize=1):  # type: ignore[no-untyped-def, override]
        """Results in input order, as `Executor.map`; a job that failed raises RuntimeError."""
        got: dict[int, Any] = {}
        want = 0
        for index, result in self.run(fn, list(zip(*iterables))):
            got[index] = result
            while want in got:
                value = got.pop(want)
                if isinstance(value, Failure):
                    raise RuntimeError(f"job {want}: {value.kind}: {value.detail}")
                yield value
                want += 1

    def run(self, fn: Callable[..., Any], jobs: Sequence[tuple[Any, ...]]) -> Iterator[tuple[int, Any]]:
        """(index, result or Failure) for every job, as each finishes."""
        if not jobs:
            return
        ctx = mp.get_context("forkserver")
        alive_r, alive_w = ctx.Pipe(duplex=False)  # only this process writes: EOF means it is gone
        queue = deque(range(len(jobs)))
        again: deque[int] = deque()  # jobs whose worker died: once more, alone, at the end
        tried: set[int] = set()
        idle: list[_Worker] = []
        busy: dict[_Worker, int] = {}  # worker -> the job it holds
        retired: list[_Worker] = []  # told to exit after their last job; reaped at the end
        done: list[tuple[int, Any]] = []
        try:
            while True:
                while queue and len(busy) < self.workers:
                    self._send(idle, busy, queue.popleft(), fn, jobs, ctx, alive_r)
                if not queue and not busy and again:
                    self._send(idle, busy, again.popleft(), fn, jobs, ctx, alive_r)
                # Results go to the caller only once every free worker has its next job, so the
                # workers go on while the caller reads them.
                yield from done
                done.clear()
                if not busy:
                    return
                timeout = None
                if self.time_limit:
                    first = min(w.started for w in busy)
                    timeout = max(0.0, first + self.time_limit + self.grace - time.monotonic())
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
                for w, index in list(busy.items()):
                    result = w.result() if w.conn in ready or w.process.sentinel in ready else _RUNNING
                    if result is None:  # the worker died: the job once more, alone, or reported
                        del busy[w]
                        how = w.stopped()
                        if index not in tried:
                            tried.add(index)
                            again.append(index)
                        else:
                            done.append((index, Failure("died", how)))
                    elif result is not _RUNNING:
                        del busy[w]
                        w.jobs += 1
                        if w.jobs < self.per_worker:
                            idle.append(w)
                        else:
                            w.retire()
                            retired.append(w)
                        done.append((index, result))
                    elif self.time_limit and time.monotonic() - w.started >= self.time_limit + self.grace:
                        del busy[w]
                        w.kill()
                        done.append((index, Failure("timeout", f"stopped after {time.monotonic() - w.started:.0f} s")))
        finally:
            for w in idle:
                w.retire()
            for w in [*idle, *retired]:
                w.stop()
            for w in busy:  # left early (the caller failed): their jobs are not wanted
                w.kill()
            alive_w.close()
            alive_r.close()

    def _send(self, idle: list[_Worker], busy: dict[_Worker, int], index: int, fn: Callable[..., Any],
              jobs: Sequence[tuple[Any, ...]], ctx: Any, alive: Connection) -> None:
        w = idle.pop() if idle else _Worker(ctx, alive, self.memory_limit)
        try:
            w.conn.send((fn, jobs[index]))
        except OSError:  # it died idle: give the job to a new worker
            w.kill()
            w = _Worker(ctx, alive, self.memory_limit)
            w.conn.send((fn, jobs[index]))
        # The clock starts when the worker says the job has started; until then (a new worker
        # importing the modules the job needs) it has STARTUP seconds more.
        w.started = time.monotonic() + STARTUP
        busy[w] = index

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass  # every worker is stopped when `run` ends


STARTUP = 60.0
_RUNNING = object()


class _Worker:
    def __init__(self, ctx: Any, alive: Connection, memory_limit: int | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, alive, memory_limit, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.jobs = 0
        self.started = 0.0

    def result(self) -> Any:
        """The finished job's result; _RUNNING if the worker only said it started the job (the
        clock starts now); None if it died without a result."""
        try:
            while self.conn.poll():
                status, value = self.conn.recv()
                if status == "started":
                    self.started = time.monotonic()
                    continue
                return value if status == "ok" else Failure("error", value)
            if self.process.exitcode is None:
                return _RUNNING
        except (EOFError, OSError):
            pass
        return None

    def stopped(self) -> str:
        """How the worker ended, in words (it died without a result)."""
        self.process.join(5)
        code = self.process.exitcode
        self.conn.close()
        if code is None:
            self.kill()
            return "it stopped answering"
        if code < 0:
            name = signal.Signals(-code).name
            return {"SIGKILL": "killed by SIGKILL, as the out-of-memory killer does",
                    "SIGABRT": "SIGABRT: pdfium aborts when it cannot allocate memory",
                    "SIGSEGV": "a segmentation fault"}.get(name, f"killed by {name}")
        return f"it exited with status {code}"

    def retire(self) -> None:
        """Tell the worker to exit once it has read this (it holds no job)."""
        with contextlib.suppress(OSError):
            self.conn.send(None)

    def stop(self) -> None:
        """Wait for a retired worker to exit; kill it if it does not."""
        self.process.join(2)
        self.kill()

    def kill(self) -> None:
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join(5)
        self.conn.close()


def _serve(conn: Connection, alive: Connection, memory_limit: int | None, main_pid: int) -> None:
    """A worker: run one job at a time until told to stop (None) or the main process is gone."""
    _exit_with(alive, main_pid)
    # Ctrl-C is the main process's to handle (it stops the workers); and if memory runs out, the
    # kernel should kill a worker, which costs one file, rather than the main process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w", encoding="ascii") as fh:
        fh.write("500")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        conn.send(("started", None))
        _cap_memory(memory_limit)
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as exc:  # noqa: BLE001 - reported as the job's failure
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (MemoryError, pickle.PicklingError, TypeError) as exc:  # a result too big or odd to send
            conn.send(("error", f"{type(exc).__name__}: sending the result: {exc}"))


def _exit_with(alive: Connection, main_pid: int) -> None:
    """Exit when the main process does. PR_SET_PDEATHSIG signals us when our parent (the
    forkserver) exits; the thread sees the end of the pipe the main process holds, at once."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(1)

    def watch() -> None:
        with contextlib.suppress(Exception):
            alive.poll(None)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name=f"exit-with-{main_pid}").start()


def _can_cap_memory() -> bool:
    """Whether `_cap_memory` can set a limit here (Linux: RLIMIT_AS, and /proc to read the size)."""
    try:
        import resource
    except ImportError:
        return False
    return hasattr(resource, "RLIMIT_AS") and os.path.exists("/proc/self/status")


def _cap_memory(limit: int | None) -> None:
    """Let the next job add at most `limit` bytes of address space to this process."""
    if not limit:
        return
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            size = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = size + limit if hard == resource.RLIM_INFINITY else min(size + limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError, StopIteration, ImportError):
        pass  # not Linux: no cap (the pool warned when it was made)
