"""Client for the Sightline reward server, with shims for verl, TRL, EasyR1 and OpenRLHF.

Standard library only (urllib, json, concurrent.futures); Python 3.9+; one file you can copy next to a
training script. The server URL comes from the ``url`` argument or the ``SIGHTLINE_URL`` environment variable
(default ``http://127.0.0.1:8787``); a bearer token from ``token`` or ``SIGHTLINE_TOKEN``.

- verl:   ``custom_reward_function.path=sightline_client.py``, ``name=compute_score`` (or ``compute_score_async``;
          ``compute_score_batch`` for the batch reward manager). Returns ``{"score", **components}`` with the same
          keys for every sample.
- TRL:    ``reward_funcs=trl_reward_funcs(components=["accuracy", "format"])`` with ``reward_weights``: one
          picklable callable per component, each with a stable ``__name__``.
- EasyR1: ``worker.reward.reward_function=sightline_client.py:easyr1_compute_score`` (``REWARD_TYPE = "batch"``).
- OpenRLHF needs no client: point ``--reward.remote_url`` at ``http://HOST:PORT/get_reward``.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, List, Optional, Sequence

__all__ = [
    "REWARD_TYPE",
    "SightlineClient",
    "SightlineError",
    "compute_score",
    "compute_score_async",
    "compute_score_batch",
    "easyr1_compute_score",
    "trl_reward_funcs",
]

#: EasyR1 reads this to call ``easyr1_compute_score`` once per batch.
REWARD_TYPE = "batch"

DEFAULT_URL = "http://127.0.0.1:8787"
#: items per HTTP request; larger batches are split and sent concurrently
CHUNK = 4096


#: what ``str(SightlineError)`` shows of the server's answer: its message and first issues, each cut to a length
_SHOWN_ISSUES = 3
_MESSAGE_CHARS = 500
_ISSUE_CHARS = 200


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _error_text(status: int, code: str, message: str, issues: list) -> str:
    """``"403 image_not_allowed: 1 image reference(s) refused (items[3].images[0].path: ...; and 2 more)"``:
    the first issues with their paths, unless the message lists them already (a 400 does), bounded in length."""
    text = f"{status} {code}: {_clip(str(message), _MESSAGE_CHARS)}"
    listed = issues[:_SHOWN_ISSUES]
    lines = []
    for issue in listed:
        if isinstance(issue, dict):
            line = f"{issue.get('path') or '(root)'}: {issue.get('message', '')}"
        else:
            line = str(issue)
        if line not in text:
            lines.append(_clip(line, _ISSUE_CHARS))
    if lines:
        more = len(issues) - len(listed)
        text += " (" + "; ".join(lines) + (f"; and {more} more" if more > 0 else "") + ")"
    return text


class SightlineError(RuntimeError):
    """The server refused a request: ``status``, ``code`` and ``issues`` (each ``{path, message}``) say why; the
    text names the first issues too. ``status`` 0: no answer (``code`` ``unreachable`` or ``timeout``)."""

    def __init__(self, status: int, code: str, message: str, issues: Optional[list] = None):
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues or []
        super().__init__(_error_text(status, code, message, self.issues))

    def __reduce__(self) -> tuple:  # picklable (Ray ships a worker's exception to the driver)
        return (type(self), (self.status, self.code, self.message, self.issues))


_ITEM_INDEX = re.compile(r"(?<![\w\].])items\[(\d+)\]")


def _shifted(error: SightlineError, offset: int) -> SightlineError:
    """``error`` from a request that started at item ``offset`` of the caller's batch, its ``items[i]`` paths
    renumbered to the batch's."""

    def shift(text: Any) -> Any:
        if not isinstance(text, str):
            return text
        return _ITEM_INDEX.sub(lambda m: f"items[{int(m.group(1)) + offset}]", text)

    issues = [dict(i, path=shift(i.get("path"))) if isinstance(i, dict) else i for i in error.issues]
    return SightlineError(error.status, error.code, shift(error.message), issues)


def _with_id(item: Any, index: int) -> Any:
    """``item`` with the id the server gives it in one batch (its position), when it has none; not mutated."""
    if isinstance(item, dict) and "id" not in item:
        return dict(item, id=str(index))
    return item


def _jsonable(value: Any) -> Any:
    """numpy scalars and arrays, and PIL images (their size), as JSON values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "size") and hasattr(value, "mode"):  # a PIL image: the server needs its size only
        return {"width": value.size[0], "height": value.size[1]}
    raise TypeError(f"cannot send a {type(value).__name__} to the reward server")


#: no answer: a refused or dropped connection, a timeout (connecting or reading), a cut-off response
_NO_ANSWER = (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError, http.client.HTTPException)


class SightlineClient:
    """A thin, thread-safe client. ``score`` returns one ScoreResult dict per item, in order."""

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        timeout: float = 180.0,
        retries: int = 5,
        spec: Any = None,
    ):
        self.url = (url or os.environ.get("SIGHTLINE_URL") or DEFAULT_URL).rstrip("/")
        self.token = token if token is not None else os.environ.get("SIGHTLINE_TOKEN")
        self.timeout = timeout
        self.retries = retries
        self.spec = spec
        self.last_spec: Optional[dict] = None

    def __getstate__(self) -> dict:
        return dict(self.__dict__)

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """One JSON request; retries connection errors, timeouts and 503 (honouring Retry-After), raises
        SightlineError."""
        data = None if body is None else json.dumps(body, default=_jsonable).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as res:
                    raw = res.read()
                    kind = res.headers.get("Content-Type", "")
                    return json.loads(raw) if "json" in kind else raw.decode()
            except urllib.error.HTTPError as e:
                payload = e.read()
                if e.code == 503 and attempt < self.retries:
                    time.sleep(float(e.headers.get("Retry-After") or 1))
                    continue
                try:
                    err = json.loads(payload)["error"]
                except Exception:
                    err = {"code": "http_error", "message": payload.decode(errors="replace")[:500]}
                raise SightlineError(e.code, err.get("code", "error"), err.get("message", ""), err.get("issues")) from None
            except _NO_ANSWER as e:
                if attempt >= self.retries:
                    reason = getattr(e, "reason", e)
                    if isinstance(reason, (socket.timeout, TimeoutError)):
                        tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                        message = f"{self.url}{path}: no answer within the timeout of {self.timeout} s ({tries})"
                        raise SightlineError(0, "timeout", message) from None
                    raise SightlineError(0, "unreachable", f"{self.url}: {reason}") from None
                time.sleep(min(2.0**attempt * 0.1, 2.0))
        raise AssertionError("unreachable")

    def score(self, items: Sequence[dict], spec: Any = None) -> List[dict]:
        """Scores items (ScoreItem dicts) with ``spec`` inline, else the client's, else the server's ``--spec``.
        A batch of more than ``CHUNK`` items goes as several requests, and answers as one: an item without an id
        gets its position in ``items``, and error paths name that position."""
        spec = spec if spec is not None else self.spec
        starts = list(range(0, len(items), CHUNK)) or [0]

        def one(start: int) -> List[dict]:
            chunk = list(items[start : start + CHUNK])
            if start:  # the server numbers each request from 0
                chunk = [_with_id(item, start + j) for j, item in enumerate(chunk)]
            body: Dict[str, Any] = {"items": chunk}
            if spec is not None:
                body["spec"] = spec
            try:
                answer = self.request("POST", "/v1/score", body)
            except SightlineError as e:
                if not start:
                    raise
                raise _shifted(e, start) from None
            self.last_spec = answer["spec"]
            return answer["results"]

        if len(starts) == 1:
            return one(0)
        with ThreadPoolExecutor(max_workers=min(8, len(starts))) as pool:
            return [r for part in pool.map(one, starts) for r in part]

    def component_keys(self, spec: Any = None) -> List[str]:
        """The component keys a spec writes for every item (from an empty batch)."""
        self.score([], spec)
        return list(self.last_spec["componentKeys"]) if self.last_spec else []

    def get_reward(self, query: List[str], prompts: List[str], labels: List[Any]) -> dict:
        return self.request("POST", "/get_reward", {"query": query, "prompts": prompts, "labels": labels})

    def run_grader(self, grader: dict, model_sample: str, item: Optional[dict] = None) -> dict:
        body = {"grader": grader, "model_sample": model_sample}
        if item is not None:
            body["item"] = item
        return self.request("POST", "/v1/fine_tuning/alpha/graders/run", body)

    def rewards(self) -> List[dict]:
        return self.request("GET", "/v1/rewards")

    def health(self) -> dict:
        return self.request("GET", "/healthz")


_clients: Dict[tuple, SightlineClient] = {}
_clients_lock = threading.Lock()


def _client(url: Optional[str], token: Optional[str], timeout: Optional[float] = None) -> SightlineClient:
    key = (url, token, timeout)
    with _clients_lock:
        if key not in _clients:
            _clients[key] = SightlineClient(url, token, timeout=timeout or 180.0)
        return _clients[key]


_ITEM_KEYS = ("images", "meta", "group", "step", "id", "prompt")


def _item(data_source: Any, response: Any, ground_truth: Any, extra_info: Any) -> dict:
    """A ScoreItem from verl's fields: ``extra_info`` may carry ``images``/``meta``/``group``/``step``/``id``."""
    item: Dict[str, Any] = {"response": "" if response is None else str(response)}
    if data_source is not None:
        item["task"] = str(data_source)
    if ground_truth is not None:
        item["reference"] = ground_truth
    if isinstance(extra_info, dict):
        for key in _ITEM_KEYS:
            if extra_info.get(key) is not None:
                item[key] = extra_info[key]
        if "id" in item:
            item["id"] = str(item["id"])
        if "group" in item:
            item["group"] = str(item["group"])
        if "meta" not in item:
            rest = {k: v for k, v in extra_info.items() if k not in _ITEM_KEYS}
            if rest:
                item["meta"] = rest
    return item


def _flat(result: dict) -> Dict[str, float]:
    out = {"score": float(result["score"])}
    for key, value in result["components"].items():
        out[key] = float(value)
    return out


# ----- verl -----


def compute_score(
    data_source: Any,
    solution_str: str,
    ground_truth: Any,
    extra_info: Any = None,
    url: Optional[str] = None,
    token: Optional[str] = None,
    spec: Any = None,
    timeout: Optional[float] = None,
    **kwargs: Any,
) -> Dict[str, float]:
    """verl ``custom_reward_function``: ``{"score": float, **components}``, the same keys for every sample."""
    [result] = _client(url, token, timeout).score([_item(data_source, solution_str, ground_truth, extra_info)], spec)
    return _flat(result)


async def compute_score_async(
    data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, **kwargs: Any
) -> Dict[str, float]:
    """The same as ``compute_score``, awaitable (verl's reward loop runs it concurrently)."""
    return await asyncio.get_running_loop().run_in_executor(
        None, lambda: compute_score(data_source, solution_str, ground_truth, extra_info, **kwargs)
    )


def compute_score_batch(
    data_sources: Sequence[Any],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Optional[Sequence[Any]] = None,
    url: Optional[str] = None,
    token: Optional[str] = None,
    spec: Any = None,
    timeout: Optional[float] = None,
    **kwargs: Any,
) -> List[Dict[str, float]]:
    """verl's batch reward manager: plural kwargs in, one dict per sample out, in order."""
    infos = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    items = [_item(d, s, g, e) for d, s, g, e in zip(data_sources, solution_strs, ground_truths, infos)]
    return [_flat(r) for r in _client(url, token, timeout).score(items, spec)]


# ----- EasyR1 -----


def easyr1_compute_score(
    reward_inputs: List[dict],
    url: Optional[str] = None,
    token: Optional[str] = None,
    spec: Any = None,
    **kwargs: Any,
) -> List[Dict[str, float]]:
    """EasyR1 batch form: ``reward_inputs`` of ``{response, response_length, ground_truth, ...}`` in, one
    ``{"overall": score, **components}`` per input out (``algorithm.filter_key: overall``)."""
    skip = ("response", "ground_truth", "data_source", "task")
    items = [
        _item(
            inp.get("data_source") or inp.get("task"),
            inp.get("response"),
            inp.get("ground_truth"),
            {k: v for k, v in inp.items() if k not in skip},
        )
        for inp in reward_inputs
    ]
    out = []
    for r in _client(url, token).score(items, spec):
        flat = _flat(r)
        flat["overall"] = flat.pop("score")
        out.append(flat)
    return out


# ----- TRL -----


def _text(completion: Any) -> str:
    """A TRL completion: a string, or conversational ``[{"role": "assistant", "content": ...}]``."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list) and completion:
        content = completion[-1].get("content", "") if isinstance(completion[-1], dict) else completion[-1]
        if isinstance(content, list):  # content parts
            return "".join(p.get("text", "") for p in content if isinstance(p, dict))
        return str(content)
    return ""


def _images(value: Any) -> Optional[List[dict]]:
    if value is None:
        return None
    values = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for v in values:
        if isinstance(v, dict):
            out.append(v)
        elif hasattr(v, "size") and hasattr(v, "mode"):  # PIL
            out.append({"width": v.size[0], "height": v.size[1]})
    return out or None


class _TrlBatch:
    """Scores one TRL batch once and shares the results among the per-component callables."""

    def __init__(self, client: SightlineClient, spec: Any, reference_column: Optional[str]):
        self.client = client
        self.spec = spec
        self.reference_column = reference_column
        self._key: Optional[str] = None
        self._results: List[dict] = []
        self._items: List[dict] = []
        self._scopes: Dict[str, list] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.update(_key=None, _results=[], _items=[], _scopes={}, _lock=None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def results(self, prompts: Any, completions: Sequence[Any], kwargs: Dict[str, Any]) -> tuple:
        """The batch's results, the items sent and the spec's ``scopes`` (which routes each component sits under)."""
        texts = [_text(c) for c in completions]
        ref_col = self.reference_column or next(
            (c for c in ("solution", "ground_truth", "reference", "answer") if c in kwargs), None
        )
        refs = kwargs.get(ref_col) if ref_col else None
        tasks = kwargs.get("task") or kwargs.get("data_source")
        images = kwargs.get("images") if kwargs.get("images") is not None else kwargs.get("image")
        items = []
        for i, text in enumerate(texts):
            item: Dict[str, Any] = {"response": text}
            if refs is not None and refs[i] is not None:
                item["reference"] = refs[i]
            if tasks is not None and tasks[i] is not None:
                item["task"] = str(tasks[i])
            if images is not None:
                img = _images(images[i])
                if img:
                    item["images"] = img
            if prompts is not None and isinstance(prompts[i], str):
                item["prompt"] = prompts[i]
            items.append(item)
        # the cache key is what is sent: the same batch (TRL calls every reward function with it) is scored once,
        # and anything that changes the request (an image size, a prompt) is scored again
        key = json.dumps(items, default=_jsonable)
        with self._lock:
            if key != self._key:
                self._results = self.client.score(items, self.spec)
                self._items = items
                self._scopes = (self.client.last_spec or {}).get("scopes") or {}
                self._key = key
            return self._results, self._items, self._scopes


def _route_value(item: dict, by: str) -> Optional[str]:
    """What a spec's route reads from an item, as the server reads it: ``task`` or ``meta.<key>``, as a string."""
    value = item.get("task") if by == "task" else (item.get("meta") or {}).get(by[len("meta.") :])
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _applies(conditions: list, item: dict) -> bool:
    """Whether a component under these routes (the answer's ``spec.scopes``) applies to the item: every route must
    send it to a case that writes the component (its default, for a value that is no case)."""
    for c in conditions:
        value = _route_value(item, c["by"])
        if not (value in c["in"] if value is not None and value in c["cases"] else c["default"]):
            return False
    return True


class TrlReward:
    """One component as a TRL reward function: ``f(prompts, completions, **kw) -> list[float | None]``. ``None``
    (TRL: NaN, excluded) where the component does not apply to the item (the spec routes its task elsewhere) or
    the item could not be scored (timeout, no route for its task)."""

    def __init__(self, batch: _TrlBatch, component: str):
        self.batch = batch
        self.component = component
        self.__name__ = component

    def __call__(self, prompts: Any = None, completions: Any = None, completion_ids: Any = None, **kwargs: Any):
        results, items, scopes = self.batch.results(prompts, completions or [], kwargs)
        conditions = scopes.get(self.component)
        out: List[Optional[float]] = []
        for r, item in zip(results, items):
            if r.get("error") or (conditions and not _applies(conditions, item)):
                out.append(None)
            elif self.component == "score":
                out.append(float(r["score"]))
            else:
                out.append(float(r["components"][self.component]))
        return out

    def __repr__(self) -> str:
        return f"TrlReward({self.component!r})"


def trl_reward_funcs(
    url: Optional[str] = None,
    spec: Any = None,
    components: Optional[Iterable[str]] = None,
    token: Optional[str] = None,
    reference_column: Optional[str] = None,
) -> List[TrlReward]:
    """One named callable per component (``"score"`` is the composed reward) for TRL's ``reward_funcs``, so
    ``reward_weights`` applies and ``rewards/{name}/mean`` is logged. The batch is scored once for all of them.
    Without ``components``, every component the spec writes."""
    client = SightlineClient(url, token)
    names = list(components) if components is not None else client.component_keys(spec)
    if not names:
        raise ValueError("no components: pass components=[...] or a spec that writes some")
    batch = _TrlBatch(client, spec, reference_column)
    return [TrlReward(batch, name) for name in names]
