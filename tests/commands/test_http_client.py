"""HTTP Request / HTTP Get against a local server (commands/http-request.md, http-get.md)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from fourd.runtime.errors import FourDError


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def _reply(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("X-Echo", self.headers.get("X-Test", ""))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/json":
            self._reply(
                200, json.dumps({"a": 1, "auth": self.headers.get("Authorization", "")}).encode(), "application/json"
            )
        elif self.path == "/latin":
            self._reply(200, "café".encode("latin-1"), "text/plain; charset=ISO-8859-1")
        else:
            self._reply(404, b"nothing here", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        self._reply(201, self.headers.get("Content-Type", "").encode() + b"|" + body, "text/plain; charset=utf-8")


@pytest.fixture(scope="module")
def server():
    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_get_text_json_and_statuses(run, server):
    assert run(f'$s:=HTTP Get("{server}/latin";$t)\nreturn String($s)+" "+$t') == "200 café"  # charset from the header
    code = f'var $o : Object\n$s:=HTTP Get("{server}/json";$o)\nreturn $o.a'
    assert run(code) == 1
    assert run(f'$s:=HTTP Get("{server}/missing";$t)\nreturn String($s)+" "+$t') == "404 nothing here"
    code = f'var $b : Blob\n$s:=HTTP Get("{server}/latin";$b)\nreturn BLOB size($b)'
    assert run(code) == 4


def test_request_bodies_headers_and_auth(run, server):
    code = f"""ARRAY TEXT($names;1)
ARRAY TEXT($values;1)
$names{{1}}:="X-Test"
$values{{1}}:="hello"
$s:=HTTP Request(HTTP POST method;"{server}/post";New object("k";"v");$t;$names;$values)
$i:=Find in array($names;"X-Echo")
return String($s)+" "+$t+" "+$values{{$i}}"""
    assert run(code) == '201 application/json|{"k":"v"} hello'
    assert run(f'$s:=HTTP Request("POST";"{server}/post";"plain";$t)\nreturn $t') == "text/plain; charset=UTF-8|plain"
    code = f'var $o : Object\n$s:=HTTP Get("{server.replace("http://", "http://john:smith@")}/json";$o)\nreturn $o.auth'
    assert run(code) == "Basic am9objpzbWl0aA=="


def test_unreachable_server_is_a_4d_error(run):
    with pytest.raises(FourDError) as info:
        run('$s:=HTTP Get("http://127.0.0.1:9/x";$t)')  # the discard port: nothing listens
    assert info.value.code == -10790
