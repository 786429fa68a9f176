"""HTTP theme (HTTP Client): HTTP Request and HTTP Get (commands/http-request.md, http-get.md),
on Python's :mod:`urllib.request`.

- The body sent: Text as UTF-8 ("text/plain; charset=UTF-8"), a BLOB as is
  ("application/byte-stream"), an object or collection as JSON ("application/json"), unless the
  request headers give a Content-Type.  ``user:password@`` in the URL becomes Basic authentication.
- The response goes to the type of the variable passed: Text (decoded with the Content-Type's
  charset, else a BOM, else UTF-8, else Latin-1: fourd's "ANSI"), BLOB, or an Object/Collection
  variable (JSON for a text content type, else a 4D.Blob).  Response headers replace the
  contents of the header arrays.
- HTTPS certificates are not checked (documented).  A network failure returns 0 and raises
  error -10790.
"""

from __future__ import annotations

import base64
from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Array4D, Blob4D, Collection4D, Object4D, type_name
from . import args as A
from ._targets import Target, writing_command
from .arrays import fill_array

TIMEOUT_SECONDS = 120.0


def _body(contents: Any, headers: dict[str, str]) -> bytes | None:
    if contents is UNDEFINED or contents is None or contents == "":
        return None
    from ..runtime.blobobject import BlobObject

    if type(contents) is str:
        kind, data = "text/plain; charset=UTF-8", contents.encode("utf-8")
    elif type(contents) is Blob4D or isinstance(contents, BlobObject):
        kind, data = "application/byte-stream", bytes(contents.data)
    elif type(contents) in (Object4D, Collection4D):
        from ..runtime.json4d import stringify

        kind, data = "application/json", stringify(contents).encode("utf-8")
    else:
        raise error(
            "wrong_param_type",
            name="HTTP Request",
            index=3,
            expected="a text, BLOB, object or collection",
            got=type_name(contents),
        )
    if not any(k.lower() == "content-type" for k in headers):
        headers["Content-Type"] = kind
    return data


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return None


def _decode_text(data: bytes, content_type: str) -> str:
    import codecs

    label = _charset(content_type)
    if label:
        try:
            return data.decode(label)
        except (LookupError, UnicodeDecodeError):
            pass
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _store_response(target: Target, data: bytes, content_type: str) -> None:
    current = target.get()
    if type(current) is Blob4D:
        target.set(Blob4D(data))
    elif current is None or type(current) in (Object4D, Collection4D):
        textual = content_type.split(";")[0].strip().lower()
        if textual.startswith("text/") or textual.endswith(("json", "+json")):
            from ..runtime.json4d import parse

            try:
                target.set(parse(_decode_text(data, content_type)))
                return
            except Exception:  # not JSON: a 4D.Blob, as for other content types
                pass
        from ..runtime.blobobject import BlobObject

        target.set(BlobObject(data))
    else:
        target.set(_decode_text(data, content_type))


def _request(
    f: Frame,
    method: str,
    url: str,
    contents: Any,
    response: Target,
    names: Target | None,
    values: Target | None,
    cmd: str,
) -> int:
    # Imported here: ssl and urllib cost start-up time that only HTTP clients should pay.
    import ssl
    import urllib.error
    import urllib.parse
    import urllib.request

    headers: dict[str, str] = {}
    if names is not None and values is not None:
        name_array, value_array = names.get(), values.get()
        if type(name_array) is Array4D and type(value_array) is Array4D:
            for key, value in zip(name_array.items[1:], value_array.items[1:], strict=False):
                if key:
                    headers[str(key)] = str(value)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise error("wrong_param_type", name=cmd, index=2, expected="an http:// or https:// URL", got=url)
    if parts.username is not None:
        token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        headers.setdefault("Authorization", "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii"))
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    data = _body(contents, headers)
    request = urllib.request.Request(url, data=data, headers=headers, method=method.upper())
    context = ssl._create_unverified_context()  # documented: "authority of the certificate is not checked"
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS, context=context) as answer:
            status, body, reply_headers = answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as exc:  # a status the server chose: not a network failure
        status, body, reply_headers = exc.code, exc.read(), exc.headers
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, PermissionError):
            raise exc.reason from None  # the doctest sandbox forbids the network: let it say so
        raise error("http_network", name=cmd, url=url, detail=str(exc.reason)) from None
    except (OSError, ValueError) as exc:
        if type(exc).__name__ == "SandboxViolation":
            raise
        raise error("http_network", name=cmd, url=url, detail=str(exc)) from None
    _store_response(response, body, reply_headers.get("Content-Type", ""))
    if names is not None and values is not None:
        pairs = list(reply_headers.items())
        fill_array(names, [k for k, _ in pairs], cmd, "Text")
        fill_array(values, [v for _, v in pairs], cmd, "Text")
    return status


def _split(targets: list[Target]) -> tuple[list[Target], bool]:
    from ..runtime.compiler import STAR

    keep_alive = bool(targets) and targets[-1].get() is STAR
    return (targets[:-1] if keep_alive else targets), keep_alive


@writing_command("HTTP Request", 4, 7)
def http_request(f: Frame, targets: list[Target]) -> int:
    """``HTTP Request(method; url; contents; response {; headerNames; headerValues}{; *})``; the
    keep-alive ``*`` is accepted (each request opens its own connection)."""
    cmd = "HTTP Request"
    args, _ = _split(targets)
    if len(args) not in (4, 6):
        raise error("wrong_param_count", name=cmd, detail="expects 4 or 6 parameter(s) before the optional *")
    method = A.text(args[0].get(), cmd, 1)
    url = A.text(args[1].get(), cmd, 2)
    names, values = (args[4], args[5]) if len(args) == 6 else (None, None)
    return _request(f, method, url, args[2].get(), args[3], names, values, cmd)


@writing_command("HTTP Get", 2, 5)
def http_get(f: Frame, targets: list[Target]) -> int:
    cmd = "HTTP Get"
    args, _ = _split(targets)
    if len(args) not in (2, 4):
        raise error("wrong_param_count", name=cmd, detail="expects 2 or 4 parameter(s) before the optional *")
    names, values = (args[2], args[3]) if len(args) == 4 else (None, None)
    return _request(f, "GET", A.text(args[0].get(), cmd, 1), UNDEFINED, args[1], names, values, cmd)
