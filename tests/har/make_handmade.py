#!/usr/bin/env python3
"""tests/har/make_handmade.py: writes the hand-made HAR files of corpus/har/.

    python3 tests/har/make_handmade.py corpus/har

What a real export (record.mjs) cannot hold: Chromium's DevTools protocol reports no
control frames (close, ping, pong) and no IP address for a WebSocket, and Firefox
writes no WebSocket messages at all. These files follow the two exporters' layouts
(devtools-frontend models/har/Log.ts, Firefox netmonitor har-builder.js) with made-up
traffic (documentation addresses, RFC 5737 / RFC 3849). Not part of `make check`: it
is how the data was made, the files are committed.
"""
import base64
import json
import os
import sys

CRLF = "\r\n"


def sip(*lines, body=""):
    raw_body = body.encode("utf-8")
    head = list(lines) + ["Content-Length: %d" % len(raw_body)]
    return CRLF.join(head) + CRLF + CRLF + body


def chromium_entry(url, ip, started, messages):
    return {
        "_initiator": {"type": "script"},
        "_priority": "Low",
        "_resourceType": "websocket",
        "_webSocketMessages": messages,
        "cache": {},
        "connection": "4711",
        "request": {"method": "GET", "url": url, "httpVersion": "HTTP/1.1",
                    "headers": [{"name": "Upgrade", "value": "websocket"},
                                {"name": "Sec-WebSocket-Protocol", "value": "sip"}],
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1",
                     "headers": [{"name": "Upgrade", "value": "websocket"},
                                 {"name": "Sec-WebSocket-Protocol", "value": "sip"}],
                     "cookies": [], "content": {"size": 0, "mimeType": "x-unknown"},
                     "redirectURL": "", "headersSize": -1, "bodySize": 0, "_transferSize": 0,
                     "_error": None},
        "serverIPAddress": ip,
        "startedDateTime": started,
        "time": 12.5,
        "timings": {"blocked": -1, "dns": -1, "ssl": -1, "connect": -1, "send": 0, "wait": 0,
                    "receive": 0, "_blocked_queueing": -1},
    }


def msg(kind, time, opcode, data):
    return {"type": kind, "time": time, "opcode": opcode, "data": data}


def chromium_control():
    """Two connections (IPv4 wss with a port, IPv6 ws without), every kind of message."""
    invite = sip(
        "INVITE sip:bob@example.net SIP/2.0",
        "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK-hm-1",
        "Max-Forwards: 70",
        "To: <sip:bob@example.net>",
        'From: "Zoë" <sip:zoe@example.net>;tag=hm1',
        "Call-ID: hm-call-1",
        "CSeq: 1 INVITE",
        "Contact: <sip:zoe@df7jal23ls0d.invalid;transport=ws>",
        "Content-Type: text/plain;charset=utf-8",
        body="Grüße, Zoë ☎\r\n")
    ringing = sip(
        "SIP/2.0 180 Ringing",
        "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK-hm-1",
        "To: <sip:bob@example.net>;tag=b1",
        'From: "Zoë" <sip:zoe@example.net>;tag=hm1',
        "Call-ID: hm-call-1",
        "CSeq: 1 INVITE")
    # RFC 7118 §5: no Content-Length needed in a WebSocket message.
    cancel = CRLF.join([
        "CANCEL sip:bob@example.net SIP/2.0",
        "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK-hm-1",
        "Max-Forwards: 70",
        "To: <sip:bob@example.net>",
        'From: "Zoë" <sip:zoe@example.net>;tag=hm1',
        "Call-ID: hm-call-1",
        "CSeq: 1 CANCEL"]) + CRLF + CRLF
    broken = sip(
        "SIP/2.0 200 OK",
        "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK-hm-1",
        "To: <sip:bob@example.net>;tag=b1",
        'From: "Zoë" <sip:zoe@example.net>;tag=hm1',
        "Call-ID: hm-call-1",
        "CSeq: one CANCEL")
    options = sip(
        "OPTIONS sip:zoe@example.net SIP/2.0",
        "Via: SIP/2.0/WS [2001:db8::5];branch=z9hG4bK-hm-6",
        "Max-Forwards: 70",
        "To: <sip:zoe@example.net>",
        "From: <sip:monitor@example.net>;tag=m6",
        "Call-ID: hm-options-6",
        "CSeq: 6 OPTIONS")
    first = [
        msg("send", 1767323045.123456, 1, invite),
        msg("receive", 1767323045.25, 1, ringing),
        msg("receive", 1767323046, 9, ""),                       # ping
        msg("send", 1767323046.000125, 10, ""),                  # pong
        msg("receive", 1767323046.5, 1, "\r\n\r\n"),            # CRLF keep-alive
        msg("receive", 1767323046.75, 1, '{"event":"presence","who":"bob"}'),  # not SIP
        msg("send", 1767323047.0009, 1, cancel),
        msg("receive", 1767323047.1, 1, broken),                 # CSeq not a number
        msg("receive", 1767323047.2, 8, "\u0003\u00e8"),         # close 1000
        msg("error", 1767323047.3, -1, "net::ERR_CONNECTION_CLOSED"),
    ]
    second = [
        msg("receive", 1767323050.5, 2, base64.b64encode(options.encode()).decode()),
        msg("send", 1767323050.501, 2, base64.b64encode(b"\x00\x01not sip").decode()),
    ]
    page = {
        "_initiator": {"type": "other"}, "_priority": "VeryHigh", "_resourceType": "document",
        "cache": {}, "connection": "4700",
        "request": {"method": "GET", "url": "https://phone.example.net/", "httpVersion": "HTTP/1.1",
                    "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [],
                     "cookies": [], "content": {"size": 512, "mimeType": "text/html"},
                     "redirectURL": "", "headersSize": -1, "bodySize": 512, "_transferSize": 700,
                     "_error": None},
        "serverIPAddress": "203.0.113.7", "startedDateTime": "2026-01-02T03:04:04.900Z",
        "time": 30, "timings": {"blocked": -1, "dns": -1, "ssl": -1, "connect": -1, "send": 0,
                                "wait": 30, "receive": 0, "_blocked_queueing": -1},
    }
    return {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                    "pages": [], "entries": [
                        page,
                        chromium_entry("wss://sip.example.net:8443/ws", "203.0.113.7",
                                       "2026-01-02T03:04:05.000Z", first),
                        chromium_entry("ws://[2001:db8::5]/", "[2001:db8::5]",
                                       "2026-01-02T03:04:10.000Z", second)]}}


def firefox_ws():
    """Firefox: the handshake (101, serverIPAddress, connection = the port), no messages."""
    entry = {
        "startedDateTime": "2026-01-02T04:04:05.000+01:00",
        "request": {"bodySize": 0, "method": "GET", "url": "wss://sip.example.net/ws",
                    "httpVersion": "HTTP/1.1",
                    "headers": [{"name": "Upgrade", "value": "websocket"},
                                {"name": "Sec-WebSocket-Protocol", "value": "sip"}],
                    "cookies": [], "queryString": [], "headersSize": 512},
        "response": {"status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1",
                     "headers": [{"name": "Upgrade", "value": "websocket"}], "cookies": [],
                     "content": {"mimeType": "", "size": 0}, "redirectURL": "",
                     "headersSize": 180, "bodySize": 0},
        "cache": {},
        "timings": {"blocked": 0, "dns": 0, "connect": 10, "ssl": 8, "send": 0, "wait": 20,
                    "receive": 0},
        "time": 30,
        "_securityState": "secure",
        "serverIPAddress": "203.0.113.7",
        "connection": "443",
        "pageref": "page_1",
    }
    return {"log": {"version": "1.2",
                    "creator": {"name": "Firefox", "version": "128.0"},
                    "browser": {"name": "Firefox", "version": "128.0"},
                    "pages": [{"startedDateTime": "2026-01-02T04:04:04.000+01:00", "id": "page_1",
                               "title": "https://phone.example.net/",
                               "pageTimings": {"onContentLoad": 120, "onLoad": 200}}],
                    "entries": [entry]}}


def damaged():
    """Good messages around damaged ones: each damage is reported, the rest is read."""
    ok = sip("OPTIONS sip:a@example.net SIP/2.0",
             "Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK-bad-1", "Max-Forwards: 70",
             "To: <sip:a@example.net>", "From: <sip:b@example.net>;tag=1",
             "Call-ID: bad-1", "CSeq: 1 OPTIONS")
    msgs = [
        msg("send", 1767323045.5, 1, ok),
        msg("send", 1767323045.6, 2, "T1BUSU9OUyBza*XA6"),       # '*' is not base64
        msg("send", "1767323045.7", 1, ok),                      # time as a string
        msg("upload", 1767323045.8, 1, ok),                      # unknown type
        {"type": "send", "time": 1767323045.9, "data": ok},      # no opcode
        msg("send", -5, 1, ok),                                  # before 1970
        "not an object",
        msg("send", 1767323046.0, 2, base64.b64encode(ok.encode()).decode().rstrip("=") + "="),
        msg("receive", 1767323046.1, 1, ok),
    ]
    e = chromium_entry("wss://sip.example.net/ws", "203.0.113.7", "2026-01-02T03:04:05.000Z", msgs)
    bad_list = chromium_entry("wss://sip.example.net/ws2", "203.0.113.7",
                              "2026-01-02T03:04:06.000Z", [])
    bad_list["_webSocketMessages"] = {"type": "send"}
    return {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                    "entries": [e, 42, bad_list]}}


def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "corpus/har"
    os.makedirs(os.path.join(out, "bad"), exist_ok=True)
    write(os.path.join(out, "handmade_chromium_control.har"), chromium_control())
    write(os.path.join(out, "handmade_firefox_ws.har"), firefox_ws())
    write(os.path.join(out, "bad", "damaged_messages.har"), damaged())
    # Not JSON: an export cut short (the last 40 bytes of the good file missing).
    with open(os.path.join(out, "handmade_chromium_control.har"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "bad", "truncated.har"), "wb") as f:
        f.write(whole[:-40])
    # JSON, but not HAR.
    with open(os.path.join(out, "bad", "not_har.json"), "w") as f:
        f.write('{"log": {"version": "1.2", "entries": {"0": {}}}}\n')


if __name__ == "__main__":
    main()
