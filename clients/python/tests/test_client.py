"""Tests against a live server (started by test/server/python-client.test.ts with the test pack and SPEC below).

SPEC routes by task: "count" → number (Number(response), with sub-score number.raw), "answer" → exact
(response == reference), anything else → exact under the name "fallback".
"""

import asyncio
import copy
import json
import os
import pickle
import socket
import sys
import threading
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import sightline_client as sc  # noqa: E402

URL = os.environ.get("SIGHTLINE_URL")
KEYS = ["score", "number", "number.raw", "exact", "fallback"]


@unittest.skipUnless(URL, "SIGHTLINE_URL is not set (run through vitest: test/server/python-client.test.ts)")
class ClientTest(unittest.TestCase):
    def test_score_keeps_order_and_ids(self):
        client = sc.SightlineClient(URL)
        items = [{"id": f"r{i}", "task": "count", "response": str(i)} for i in range(50)]
        results = client.score(items)
        self.assertEqual([r["id"] for r in results], [f"r{i}" for i in range(50)])
        self.assertEqual([r["score"] for r in results], list(range(50)))
        self.assertEqual(client.last_spec["componentKeys"], KEYS[1:])

    def test_inline_spec_and_errors_with_paths(self):
        client = sc.SightlineClient(URL)
        [r] = client.score([{"response": "0.5"}], spec={"reward": "number", "params": {"scale": 4}})
        self.assertEqual(r["score"], 2)
        with self.assertRaises(sc.SightlineError) as ctx:
            client.score([{"response": "1"}], spec={"sum": ["number", {"reward": "nope"}]})
        self.assertEqual(ctx.exception.status, 400)
        self.assertEqual(ctx.exception.code, "invalid_spec")
        self.assertEqual(ctx.exception.issues[0]["path"], "spec.sum[1].reward")

    def test_large_batches_are_split_and_reassembled_in_order(self):
        items = [{"task": "count", "response": str(i % 7)} for i in range(sc.CHUNK * 2 + 5)]
        results = sc.SightlineClient(URL).score(items)
        self.assertEqual([r["score"] for r in results], [i % 7 for i in range(len(items))])

    def test_split_batches_keep_global_ids_and_error_paths(self):
        # the server numbers each request from 0; a split batch must still read as one batch
        n = sc.CHUNK + 904
        items = [{"response": f"r{i}", "reference": f"r{i}"} for i in range(n)]
        items[sc.CHUNK + 100]["id"] = "mine"
        before = copy.deepcopy(items)
        results = sc.SightlineClient(URL).score(items)
        expected = [str(i) for i in range(n)]
        expected[sc.CHUNK + 100] = "mine"
        ids = [r["id"] for r in results]
        # (not assertEqual on the lists: difflib on 5,000 near-equal strings takes minutes)
        self.assertEqual([(i, a, b) for i, (a, b) in enumerate(zip(ids, expected)) if a != b][:3], [])
        self.assertEqual(len(ids), n)
        self.assertEqual([r["score"] for r in results], [1] * n)
        self.assertEqual(items, before)  # the caller's dicts are not touched

        items[4500]["response"] = 5
        with self.assertRaises(sc.SightlineError) as ctx:
            sc.SightlineClient(URL).score(items)
        self.assertEqual(ctx.exception.status, 400)
        self.assertEqual([i["path"] for i in ctx.exception.issues], ["items[4500].response"])
        self.assertIn("items[4500].response", str(ctx.exception))
        self.assertNotIn("items[404]", str(ctx.exception))

        items[4500]["response"] = "r4500"
        items[4600]["images"] = [{"width": 10, "height": 10}, {"path": "/nowhere/a.png"}]
        with self.assertRaises(sc.SightlineError) as ctx:
            sc.SightlineClient(URL).score(items)
        self.assertEqual(ctx.exception.status, 403)
        self.assertEqual([i["path"] for i in ctx.exception.issues], ["items[4600].images[1].path"])

    def test_error_text_names_the_first_issues(self):
        client = sc.SightlineClient(URL)
        with self.assertRaises(sc.SightlineError) as ctx:
            client.score([{"response": "1"}, {"response": "2", "images": [{"path": "/nowhere/b.png"}]}])
        text = str(ctx.exception)
        self.assertTrue(text.startswith("403 image_not_allowed: "), text)
        self.assertIn("items[1].images[0].path: image paths are refused", text)
        with self.assertRaises(sc.SightlineError) as ctx:
            client.score([{"response": "x", "images": [{"path": f"/nowhere/{i}.png"}]} for i in range(50)])
        text = str(ctx.exception)
        self.assertEqual(len(ctx.exception.issues), 50)
        self.assertIn("items[0].images[0].path", text)
        self.assertIn("and 47 more", text)
        self.assertNotIn("items[49]", text)
        self.assertLess(len(text), 1200)
        # a 400 whose message already lists its issues does not list them twice
        with self.assertRaises(sc.SightlineError) as ctx:
            client.score([{"response": "1"}], spec={"sum": ["number", {"reward": "nope"}]})
        self.assertEqual(str(ctx.exception).count("spec.sum[1].reward"), 1)


@unittest.skipUnless(URL, "SIGHTLINE_URL is not set")
class VerlTest(unittest.TestCase):
    def test_compute_score_single_has_the_same_keys_for_every_task(self):
        a = sc.compute_score("count", "3", 3, {"index": 0}, url=URL)
        b = sc.compute_score("answer", "Paris", "Paris", None, url=URL)
        c = sc.compute_score("other", "x", "y", url=URL)  # the default route
        self.assertEqual(a, {"score": 3.0, "number": 3.0, "number.raw": 3.0, "exact": 0.0, "fallback": 0.0})
        self.assertEqual(b["score"], 1.0)
        self.assertEqual(c["score"], 0.0)
        self.assertEqual(sorted(a), sorted(b))
        self.assertEqual(sorted(a), sorted(c))
        self.assertTrue(all(isinstance(v, float) for v in a.values()))

    def test_compute_score_async(self):
        async def main():
            return await asyncio.gather(*(sc.compute_score_async("count", str(i), None, url=URL) for i in range(8)))

        self.assertEqual([r["score"] for r in asyncio.run(main())], list(range(8)))

    def test_batch_form(self):
        out = sc.compute_score_batch(
            data_sources=["count", "answer", "answer"],
            solution_strs=["2", "Rome", "Paris"],
            ground_truths=[None, "Paris", "Paris"],
            extra_infos=[{"index": 0}, {"index": 1}, {"index": 2}],
            url=URL,
        )
        self.assertEqual([o["score"] for o in out], [2.0, 0.0, 1.0])
        self.assertEqual(len({tuple(sorted(o)) for o in out}), 1)


@unittest.skipUnless(URL, "SIGHTLINE_URL is not set")
class TrlTest(unittest.TestCase):
    def test_one_named_callable_per_component(self):
        funcs = sc.trl_reward_funcs(URL, components=["score", "exact", "number"])
        self.assertEqual([f.__name__ for f in funcs], ["score", "exact", "number"])
        kwargs = {"solution": ["Paris", "Paris", None], "task": ["answer", "answer", "count"]}
        completions = [[{"role": "assistant", "content": "Paris"}], "Rome", "5"]
        values = [f(prompts=["q"] * 3, completions=completions, **kwargs) for f in funcs]
        # a component the spec routes elsewhere does not apply: None (TRL: NaN, excluded), not a 0 of another task
        self.assertEqual(values, [[1.0, 0.0, 5.0], [1.0, 0.0, None], [None, None, 5.0]])
        # reward_weights: TRL computes nansum_i w_i * f_i per sample
        weights = [0.0, 1.0, 0.5]
        sums = [sum(w * v[k] for w, v in zip(weights, values) if v[k] is not None) for k in range(3)]
        self.assertEqual(sums, [1.0, 0.0, 2.5])

    def test_none_where_a_nested_route_sends_the_item_elsewhere(self):
        spec = {"sum": [{"route": {"by": "meta.kind", "cases": {"n": "number"}, "default": "exact"}}, "exact"]}
        # `exact` appears twice; the second must be named: the nested default's copy is the one that is routed
        spec["sum"][0]["route"]["default"] = {"reward": "exact", "name": "other"}
        [number, other, exact] = sc.trl_reward_funcs(URL, spec=spec, components=["number", "other", "exact"])
        # TRL passes no meta, so every item takes the default: `number` never applies, `other` and `exact` always
        got = [f(prompts=["p", "p"], completions=["4", "x"], solution=["4", "x"]) for f in (number, other, exact)]
        self.assertEqual(got, [[None, None], [1.0, 1.0], [1.0, 1.0]])

    def test_default_components_and_pickling(self):
        funcs = sc.trl_reward_funcs(URL)
        self.assertEqual([f.__name__ for f in funcs], KEYS[1:])
        again = pickle.loads(pickle.dumps(funcs))
        self.assertEqual([f.__name__ for f in again], KEYS[1:])
        self.assertEqual(again[0](prompts=["p"], completions=["4"], task=["count"]), [4.0])

    def test_batch_cache_covers_everything_sent(self):
        # the audit's case: box-iou in norm1000 scores the same box 1.0 on a 100x100 image and 0.0 on a 1000x1000
        # one, so a new image size (or prompt) must be a new request even when completions and references repeat
        # (the test pack has no box-iou: the request count and what is sent show it)
        [f] = sc.trl_reward_funcs(URL, components=["score"])
        sent = []
        score = f.batch.client.score

        def recording(items, spec=None):
            sent.append(copy.deepcopy(items))
            return score(items, spec)

        f.batch.client.score = recording
        call = dict(completions=["[10, 10, 50, 50]"], solution=["[10, 10, 50, 50]"])
        self.assertEqual(f(prompts=["p"], images=[[{"width": 100, "height": 100}]], **call), [1.0])
        self.assertEqual(f(prompts=["p"], images=[[{"width": 1000, "height": 1000}]], **call), [1.0])
        self.assertEqual(len(sent), 2)
        self.assertEqual(sent[1][0]["images"], [{"width": 1000, "height": 1000}])
        f(prompts=["another prompt"], images=[[{"width": 1000, "height": 1000}]], **call)
        self.assertEqual(len(sent), 3)
        self.assertEqual(sent[2][0]["prompt"], "another prompt")
        # the same batch again (TRL calls every reward function with it) is scored once
        f(prompts=["another prompt"], images=[[{"width": 1000, "height": 1000}]], **call)
        self.assertEqual(len(sent), 3)
        # a different answer from the server for what differs: a refused image path is a new request, not 1.0
        with self.assertRaises(sc.SightlineError):
            f(prompts=["another prompt"], images=[[{"path": "/nowhere/c.png"}]], **call)

    def test_none_where_the_item_could_not_be_scored(self):
        [f] = sc.trl_reward_funcs(URL, spec={"route": {"cases": {"count": "number"}}}, components=["number"])
        self.assertEqual(f(prompts=["p", "p"], completions=["4", "4"], task=["count", "elsewhere"]), [4.0, None])


@unittest.skipUnless(URL, "SIGHTLINE_URL is not set")
class EasyR1Test(unittest.TestCase):
    def test_batch_module_form(self):
        self.assertEqual(sc.REWARD_TYPE, "batch")
        out = sc.easyr1_compute_score(
            [
                {"response": "Paris", "response_length": 1, "ground_truth": "Paris"},
                {"response": "Rome", "response_length": 1, "ground_truth": "Paris"},
            ],
            url=URL,
        )
        self.assertEqual([o["overall"] for o in out], [1.0, 0.0])
        self.assertNotIn("score", out[0])
        self.assertEqual(out[0]["fallback"], 1.0)


@unittest.skipUnless(URL, "SIGHTLINE_URL is not set")
class OpenRlhfTest(unittest.TestCase):
    def post(self, body):
        # byte for byte what openrlhf/utils/agent.py sends (aiohttp json=...): a JSON object, one sample
        req = urllib.request.Request(
            URL + "/get_reward",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=180) as res:
            return json.loads(res.read())

    def test_one_sample_request(self):
        prompt = "<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>How many?<|im_end|>\n<|im_start|>assistant\n"
        query = prompt.replace("<|image_pad|>", "<|image_pad|>" * 16) + "4<|im_end|>"
        label = json.dumps({"task": "count", "ground_truth": 4, "image_size": [640, 480]})
        out = self.post({"query": [query], "prompts": [prompt], "labels": [label]})
        self.assertEqual(out["rewards"], [4])
        self.assertEqual(out["scores"], [1])  # clipped to [0, 1] for dynamic filtering
        self.assertEqual(out["extra_logs"]["number.raw"], [4])

    def test_empty_lists(self):
        out = self.post({"query": [], "prompts": [], "labels": []})
        self.assertEqual((out["rewards"], out["scores"]), ([], []))


@unittest.skipUnless(URL, "SIGHTLINE_URL is not set")
class GraderTest(unittest.TestCase):
    def test_run_grader(self):
        grader = {
            "type": "text_similarity",
            "name": "sim",
            "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}",
            "evaluation_metric": "fuzzy_match",
        }
        out = sc.SightlineClient(URL).run_grader(grader, "fuzzy wuzzy was a bear", {"reference_answer": "fuzzy wuzzy was a bear"})
        self.assertEqual(out["reward"], 1.0)
        self.assertFalse(any(v for v in out["metadata"]["errors"].values()))


class _SilentServer:
    """A loopback socket that accepts connections and never answers."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.accepted:
            conn.close()


class OfflineTest(unittest.TestCase):
    """Client behaviour that needs no Sightline server."""

    def test_a_timeout_is_retried_then_raises_sightline_error(self):
        server = _SilentServer()
        self.addCleanup(server.close)
        client = sc.SightlineClient(server.url, timeout=0.3, retries=2)
        started = time.monotonic()
        with self.assertRaises(sc.SightlineError) as ctx:
            client.score([{"response": "x"}])
        self.assertEqual(ctx.exception.status, 0)
        self.assertEqual(ctx.exception.code, "timeout")
        self.assertIn(server.url + "/v1/score", str(ctx.exception))
        self.assertIn("0.3 s", str(ctx.exception))
        self.assertEqual(len(server.accepted), 3)  # the first try and two retries
        self.assertLess(time.monotonic() - started, 10)

    def test_error_text_is_bounded(self):
        issues = [{"path": f"items[{i}].response", "message": "m" * 1000} for i in range(10)]
        e = sc.SightlineError(400, "invalid_request", "x" * 5000, issues)
        self.assertEqual((e.status, e.code, e.issues), (400, "invalid_request", issues))
        self.assertLess(len(str(e)), 1500)
        self.assertIn("items[0].response: mmm", str(e))
        self.assertIn("and 7 more", str(e))
        again = pickle.loads(pickle.dumps(e))  # Ray ships a worker's exception to the driver pickled
        self.assertEqual((str(again), again.status, again.issues), (str(e), 400, issues))
        self.assertEqual(str(sc.SightlineError(404, "not_found", "no such route")), "404 not_found: no such route")


if __name__ == "__main__":
    unittest.main()
