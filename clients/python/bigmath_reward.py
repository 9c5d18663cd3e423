"""Rewards from a `bigmath serve` answer checker, for RL trainers (verl, TRL, OpenRLHF, ...).

One file, standard library only, Python 3.9+. Copy it next to your training script, start the
server (`bigmath serve`), and use one of:

    Client(url).reward(golds, responses) -> list[float]     1.0 where the response's final answer
                                                             equals the gold answer, else 0.0
    compute_score(data_source, solution_str, ground_truth, extra_info=None) -> float
                                                             verl's custom reward function signature
    compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None) -> list[float]
                                                             verl's batch reward manager signature
    trl_reward(prompts, completions, **kwargs) -> list[float]
                                                             a TRL reward function (GRPOTrainer)

The server address comes from BIGMATH_URL (default http://127.0.0.1:8347) and its bearer token, if
it has one, from BIGMATH_TOKEN. Golds are final ANSWERS ("42", "\\frac{1}{2}", "(1, 2]"), never
worked solutions: the checker extracts the final answer from the response only.

When the server cannot be reached after the retries, the calls raise BigmathError instead of
returning 0.0: a silent zero reward would train the policy on a broken signal.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, List, Optional, Sequence

__all__ = [
    "BigmathError",
    "Client",
    "compute_score",
    "compute_score_batch",
    "trl_reward",
    "make_trl_reward",
    "GROUND_TRUTH_COLUMNS",
]

DEFAULT_URL = "http://127.0.0.1:8347"

# Status codes worth another try: the server is busy (429), shutting down (503) or failed (5xx).
_RETRY_STATUS = {429, 500, 502, 503, 504}


class BigmathError(Exception):
    """The server refused a request (bad input, wrong token) or could not be reached."""


class Client:
    """A `bigmath serve` client: splits work into batches, sends them on kept-alive connections
    (several at once, one connection per thread), and retries connection failures, 429 and 5xx
    with exponential backoff that honours Retry-After."""

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        batch_size: int = 256,
        concurrency: int = 4,
        timeout: float = 60.0,
        retries: int = 6,
        backoff: float = 0.25,
    ) -> None:
        url = url or os.environ.get("BIGMATH_URL") or DEFAULT_URL
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError("bigmath url must look like http://HOST:PORT, got %r" % url)
        self.url = url
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port or (443 if self._https else 80)
        self._prefix = parsed.path.rstrip("/")
        token = token if token is not None else os.environ.get("BIGMATH_TOKEN")
        self._headers = {"content-type": "application/json"}
        if token:
            self._headers["authorization"] = "Bearer " + token
        if batch_size < 1 or concurrency < 1 or retries < 0:
            raise ValueError("batch_size and concurrency must be >= 1, retries >= 0")
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._local = threading.local()
        self._pool: Optional[ThreadPoolExecutor] = None
        self._pool_lock = threading.Lock()

    # -- transport -------------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            conn = cls(self._host, self._port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _request(self, method: str, path: str, payload: Any = None) -> Any:
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        last = "no attempt made"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(delay)
            delay = self.backoff * (2 ** attempt)
            try:
                conn = self._connection()
                conn.request(method, self._prefix + path, body=body, headers=self._headers)
                resp = conn.getresponse()
                data = resp.read()
                if resp.getheader("connection", "").lower() == "close":
                    self._drop_connection()
            except (OSError, http.client.HTTPException) as e:
                # Refused, reset, or a kept-alive connection the server closed: reconnect and retry.
                self._drop_connection()
                last = "%s: %s" % (type(e).__name__, e)
                continue
            if resp.status == 200:
                return json.loads(data)
            message = _error_message(data) or resp.reason
            if resp.status not in _RETRY_STATUS:
                raise BigmathError("%s %s: HTTP %d: %s" % (method, path, resp.status, message))
            last = "HTTP %d: %s" % (resp.status, message)
            retry_after = resp.getheader("retry-after")
            if retry_after and retry_after.isdigit():
                delay = max(delay, float(retry_after))
        raise BigmathError("%s %s%s failed after %d attempts: %s" % (method, self.url, path, self.retries + 1, last))

    def _batched(self, path: str, items: List[Any]) -> List[Any]:
        chunks = [items[i:i + self.batch_size] for i in range(0, len(items), self.batch_size)]
        if len(chunks) <= 1 or self.concurrency == 1:
            return [r for c in chunks for r in self._request("POST", path, c)]
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.concurrency, thread_name_prefix="bigmath")
        out: List[Any] = []
        for part in self._pool.map(lambda c: self._request("POST", path, c), chunks):
            out.extend(part)
        return out

    # -- API ---------------------------------------------------------------------------------------

    def reward_details(
        self,
        golds: Sequence[str],
        responses: Sequence[str],
        extract: bool = True,
        options: Optional[Dict[str, Any]] = None,
    ) -> List[Dict[str, Any]]:
        """One {"equal", "extracted", "reason"} per pair, in order. `extract=False`: the responses
        are bare answers. `options`: {"decimalPolicy": "rounded"|"exact"|"tolerance", "relTol": x}."""
        if len(golds) != len(responses):
            raise ValueError("golds and responses differ in length (%d vs %d)" % (len(golds), len(responses)))
        items = []
        for g, r in zip(golds, responses):
            item: Dict[str, Any] = {"gold": _text(g), "response": _text(r)}
            if not extract:
                item["extract"] = False
            if options:
                item["options"] = options
            items.append(item)
        return self._batched("/v1/reward", items)

    def reward(self, golds: Sequence[str], responses: Sequence[str], extract: bool = True,
               options: Optional[Dict[str, Any]] = None) -> List[float]:
        """1.0 where the response's final answer equals the gold answer, else 0.0, in order."""
        return [1.0 if r["equal"] else 0.0 for r in self.reward_details(golds, responses, extract, options)]

    def check(self, golds: Sequence[str], answers: Sequence[str]) -> List[bool]:
        """Bare answer pairs (nothing extracted): whether each answer equals its gold."""
        if len(golds) != len(answers):
            raise ValueError("golds and answers differ in length (%d vs %d)" % (len(golds), len(answers)))
        return self._batched("/v1/check", [[_text(g), _text(a)] for g, a in zip(golds, answers)])

    def health(self) -> Dict[str, Any]:
        return self._request("GET", "/health")


def _text(v: Any) -> str:
    """Numbers in a dataset column (GSM8K answers, say) become their decimal text."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool) or v is None:
        raise TypeError("expected a string answer, got %r" % (v,))
    if isinstance(v, (int, float)):
        return repr(v) if isinstance(v, float) else str(v)
    raise TypeError("expected a string answer, got %s" % type(v).__name__)


def _error_message(data: bytes) -> Optional[str]:
    try:
        return str(json.loads(data)["error"])
    except (ValueError, KeyError, TypeError):
        return None


_default: Optional[Client] = None
_default_lock = threading.Lock()


def default_client() -> Client:
    """The module's client, made on first use from BIGMATH_URL and BIGMATH_TOKEN."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Client()
        return _default


def _golds_of(ground_truth: Any) -> List[str]:
    """A ground truth may list several acceptable answers; any of them scores."""
    if isinstance(ground_truth, (list, tuple)):
        return [_text(g) for g in ground_truth]
    return [_text(ground_truth)]


def _best_scores(client: Client, responses: Sequence[str], ground_truths: Iterable[Any]) -> List[float]:
    """One score per response: the best over its ground truth's acceptable answers, all sent in
    one batched call."""
    golds: List[str] = []
    texts: List[str] = []
    owner: List[int] = []
    for i, (text, gt) in enumerate(zip(responses, ground_truths)):
        for g in _golds_of(gt):
            golds.append(g)
            texts.append(text)
            owner.append(i)
    scores = [0.0] * len(responses)
    for i, s in zip(owner, client.reward(golds, texts)):
        scores[i] = max(scores[i], s)
    return scores


def compute_score_batch(data_sources: Sequence[Any], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Optional[Sequence[Any]] = None, **_: Any) -> List[float]:
    """verl batch reward function (reward_model.reward_manager=batch): one float per response."""
    if len(solution_strs) != len(ground_truths):
        raise ValueError("solution_strs and ground_truths differ in length")
    return _best_scores(default_client(), solution_strs, ground_truths)


def compute_score(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, **_: Any) -> float:
    """verl custom reward function (custom_reward_function.path=bigmath_reward.py,
    custom_reward_function.name=compute_score): 1.0 when the response's final answer equals
    the ground truth answer (or any of a list of them), else 0.0."""
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info])[0]


# Dataset columns the TRL reward function reads the gold answer from, first present wins.
GROUND_TRUTH_COLUMNS = ("ground_truth", "answer", "solution", "gold")


def _completion_text(c: Any) -> str:
    """TRL completions are strings, or (conversational datasets) lists of {"role", "content"}
    messages: the reward is on the last message's text."""
    if isinstance(c, str):
        return c
    if isinstance(c, dict):
        return _text(c.get("content", ""))
    if isinstance(c, (list, tuple)):
        return _completion_text(c[-1]) if c else ""
    raise TypeError("unsupported completion %s" % type(c).__name__)


def make_trl_reward(column: Optional[str] = None, client: Optional[Client] = None):
    """A TRL reward function reading the gold answer from `column` (default: the first of
    GROUND_TRUTH_COLUMNS the dataset has). The column must hold final answers, not worked
    solutions."""

    def bigmath_reward(prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> List[float]:
        name = column or next((k for k in GROUND_TRUTH_COLUMNS if k in kwargs), None)
        if name is None or name not in kwargs:
            raise BigmathError("no gold answer column among the dataset columns %s (looked for %s)"
                               % (sorted(kwargs), column or ", ".join(GROUND_TRUTH_COLUMNS)))
        texts = [_completion_text(c) for c in completions]
        golds = list(kwargs[name])
        if len(golds) != len(texts):
            raise ValueError("%d completions but %d values in column %r" % (len(texts), len(golds), name))
        return _best_scores(client or default_client(), texts, golds)

    return bigmath_reward


trl_reward = make_trl_reward()
trl_reward.__doc__ = "TRL reward function (prompts, completions, **columns) -> list[float]; gold from " \
                     "the first of %s present." % (", ".join(GROUND_TRUTH_COLUMNS),)
