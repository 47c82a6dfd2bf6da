#!/usr/bin/env python3
"""The Redis side of "16 clients keep submitting": CLIENTS connections send ZADD lb GT score
member for random members of the loaded board, RATE calls per second in all (as pgbench -R caps
hexdb's writers), until killed. Raw RESP over sockets: no client library to install.
  redis_writers.py PORT SCORES_TSV [CLIENTS] [RATE]"""
import random
import socket
import sys
import time

port, tsv = int(sys.argv[1]), sys.argv[2]
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 16
rate = float(sys.argv[4]) if len(sys.argv) > 4 else 1000.0
with open(tsv) as f:
    members = [line.split("\t", 1)[0].encode() for line in f]


def command(*parts):
    out = b"*%d\r\n" % len(parts)
    for p in parts:
        out += b"$%d\r\n%s\r\n" % (len(p), p)
    return out


conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(clients)]
for c in conns:
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
interval = 1.0 / rate
next_at = time.monotonic()
i = 0
while True:
    c = conns[i % clients]
    c.sendall(command(b"ZADD", b"lb", b"GT", str(random.randrange(1000000001)).encode(), random.choice(members)))
    c.recv(64)  # ":0\r\n" or ":1\r\n"
    i += 1
    next_at += interval
    pause = next_at - time.monotonic()
    if pause > 0:
        time.sleep(pause)
