#!/usr/bin/env python3
"""Writes a large legacy export in `mysqldump --tab` layout into DIR: TABLE.sql (copied from
the committed fixture, which a real mariadb-dump wrote) and TABLE.txt (tab-separated, MySQL
escaping). Deterministic (fixed seed), so the bench and test/import/big_export.t see the same
rows. About 1 in 1000 scores and visits points at a user who does not exist.

  python3 bench/import/make_export.py DIR [--users N] [--scores N]
"""
import argparse
import os
import random
import shutil

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "test", "import", "fixture")
HASHES = [  # real bcrypt/sha-crypt hashes: the import keeps them as they are
    "$2b$04$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW",
    "$2y$04$ZyvxhDY86etJeBSEHPnukO4WMbb96poi/zNrbs0eqlPGIzzEETob.",
    "$6$LaQmFmdD.eaFQlkD$bbj2umrxyJdoCo9oey6QhHNJkfljbu7isyb.04ZfpDGtXMFtE6AHUUE5X68OgXCk68ZmuHg/kaedX7jwWCeML/",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--scores", type=int, default=1_000_000)
    a = ap.parse_args()
    rnd = random.Random(6)
    os.makedirs(a.dir, exist_ok=True)
    for t in ("users", "scores", "friendships", "monthly_scores", "game_visits"):
        shutil.copy(os.path.join(FIXTURE, t + ".sql"), a.dir)
    n = a.users

    def user_ref():  # one reference in a thousand is an orphan
        return n + rnd.randint(1, 1000) if rnd.random() < 0.001 else rnd.randint(1, n)

    def when(year_from=2023):
        return "%d-%02d-%02d %02d:%02d:%02d" % (
            rnd.randint(year_from, 2024), rnd.randint(1, 12), rnd.randint(1, 28),
            rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59))

    with open(os.path.join(a.dir, "users.txt"), "w", encoding="utf-8") as f:
        for i in range(1, n + 1):
            nick = ("플레이어 %d" if i % 7 == 0 else "Player\\\t%d") % i  # Korean; escaped tab
            f.write("%d\tuser%d@example.com\t%s\t%s\t%04d-%02d-%02d\t%s\n" % (
                i, i, nick, HASHES[i % 3], rnd.randint(1960, 2010), rnd.randint(1, 12),
                rnd.randint(1, 28), "admin" if i % 1000 == 0 else "user"))
    with open(os.path.join(a.dir, "scores.txt"), "w") as f:
        for i in range(1, a.scores + 1):
            f.write("%d\t%d\t%d\t%s\n" % (i, user_ref(), rnd.randint(0, 100_000), when()))
    with open(os.path.join(a.dir, "friendships.txt"), "w") as f:
        pairs = set()
        fid = 0
        while fid < n // 2:
            x, y = rnd.randint(1, n), rnd.randint(1, n)
            if x == y or (x, y) in pairs or (y, x) in pairs:
                continue
            pairs.add((x, y))
            fid += 1
            f.write("%d\t%d\t%d\t%s\t%s\n" % (
                fid, x, y, rnd.choice(["pending", "accepted", "accepted", "rejected"]), when()))
    with open(os.path.join(a.dir, "monthly_scores.txt"), "w") as f:
        seen = set()
        mid = 0
        while mid < n // 2:  # 2022: history that no score backs
            u, m = rnd.randint(1, n), rnd.randint(1, 12)
            if (u, m) in seen:
                continue
            seen.add((u, m))
            mid += 1
            f.write("%d\t%d\t2022\t%d\t%d\t2022-%02d-28 12:00:00\n" % (mid, u, m, rnd.randint(0, 100_000), m))
    with open(os.path.join(a.dir, "game_visits.txt"), "w") as f:
        seen = set()
        vid = 0
        while vid < n:
            u, d = user_ref(), rnd.randint(1, 365)
            if (u, d) in seen:
                continue
            seen.add((u, d))
            vid += 1
            f.write("%d\t%d\t2024-%02d-%02d\t%d\n" % (vid, u, (d - 1) // 31 + 1 if d <= 336 else 12,
                                                     (d - 1) % 28 + 1, rnd.randint(1, 20)))


if __name__ == "__main__":
    main()
