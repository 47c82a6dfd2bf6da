\set sc random(0, 1000000000)
INSERT INTO s (u, score) VALUES (1, :sc);
