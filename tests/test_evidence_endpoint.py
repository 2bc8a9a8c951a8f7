"""The endpoint judge against a stand-in OpenAI-compatible chat server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from claimgraph.errors import FetchError, InputError
from claimgraph.evidence import judge_text
from claimgraph.evidence.endpoint import EndpointJudge
from claimgraph.evidence.retrieval import document_from_text

TEXT = "Intro line. The bridge opened in 1932. It carries six lanes of traffic. Rain fell."


class _Handler(BaseHTTPRequestHandler):
    replies: list[str] = []
    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        content = _Handler.replies.pop(0)
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.replies.clear()
    _Handler.requests.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_endpoint_judge_reads_the_models_answer(server, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_JUDGE_API_KEY", "local-test")
    _Handler.replies.append(
        'Sure: {"stance": "supports", "confidence": 0.9, "support": 0.95, "passages": [1, 7, 2]}'
    )
    verdict = judge_text(
        "The bridge opened in 1932 with six lanes.", TEXT, judge=f"endpoint:{server}?model=tiny"
    )
    assert (verdict.stance, verdict.confidence, verdict.support) == ("supports", 0.9, 0.95)
    assert 1 <= len(verdict.quotes) <= 2  # passage 7 does not exist and is dropped
    for quote in verdict.quotes:
        assert TEXT[quote.start : quote.end] == quote.text
    [request] = _Handler.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "tiny"
    assert "The bridge opened in 1932" in request["body"]["messages"][1]["content"]
    assert request["auth"] == "Bearer local-test"


def test_endpoint_judge_clamps_and_defaults(server) -> None:
    _Handler.replies.append('{"stance": "sort of", "support": 7}')
    verdict = EndpointJudge(server).judge("The bridge opened in 1932.", document_from_text(TEXT))
    assert verdict.stance == "mentions" and verdict.support == 1.0 and verdict.quotes == []


def test_endpoint_errors_are_clear(server) -> None:
    _Handler.replies.append("no json here")
    with pytest.raises(FetchError, match="did not answer with JSON"):
        EndpointJudge(server).judge("The bridge opened in 1932.", document_from_text(TEXT))
    with pytest.raises(FetchError, match="failed"):
        EndpointJudge("http://127.0.0.1:9/v1", timeout=2).judge(
            "The bridge opened in 1932.", document_from_text(TEXT)
        )
    with pytest.raises(InputError):
        EndpointJudge("not-a-url")
