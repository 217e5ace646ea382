#!/usr/bin/env python3
"""`kgraph eval` against the real scorer: for each input, the report of
`kgraph eval --conll F ARGS` must be, byte for byte, what conll_score.py
prints for `kgraph tag --conll F` with the same ARGS (--types T is checked
as the scorer's --map 'T=T,...,*=O').  Usage:

  check_eval.py KGRAPH CONLL_SCORE_PY FIXTURE.conll WORKDIR

The inputs: FIXTURE (real sentences, so the model finds entities), and
seeded random files whose gold column mixes the tag schemes the scorer reads
(IOB1, IOB2, BIOES, BILOU, bare types), with -DOCSTART- lines anywhere,
extra columns, space- or TAB-separated columns, CRLF line ends and no final
newline.  Prints the number of comparisons; exits 1 on the first difference."""
import os
import random
import subprocess
import sys

kgraph, scorer, fixture, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)

WORDS = ["Anna", "Berg", "visited", "Rome", "the", "United", "Nations", "U.S.", "said", ".", ",",
         "Paris", "Iraqi", "Monday", "Ford", "Motor", "Co", "President", "Obama", "of"]
TAGS = ["O", "O", "O", "O", "B-per", "I-per", "B-org", "I-org", "E-org", "S-geo", "B-geo",
        "I-geo", "L-per", "U-org", "B-gpe", "I-gpe", "B-tim", "B-MISC", "I-MISC", "per", "I-LOC"]


def random_file(seed):
    r = random.Random(seed)
    sep = r.choice(["\t", " "])
    lines = []
    for _ in range(r.randint(1, 4)):
        if r.random() < 0.6:
            lines.append("-DOCSTART- -X- -X- O")
            if r.random() < 0.7:
                lines.append("")
        for _ in range(r.randint(1, 8)):
            for _ in range(r.randint(1, 14)):
                cols = [r.choice(WORDS)] + ["X"] * r.randint(0, 2) + [r.choice(TAGS)]
                lines.append(sep.join(cols))
            lines.append("")
    eol = "\r\n" if r.random() < 0.25 else "\n"
    text = eol.join(lines)
    if r.random() < 0.5:
        text = text.rstrip("\r\n")
    return text


def run(argv, out=None):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("%s: exit %d: %s" % (" ".join(argv), p.returncode, p.stderr.decode()))
    if out:
        with open(out, "wb") as f:
            f.write(p.stdout)
    return p.stdout.decode()


inputs = [fixture]
for seed in range(1, 41):
    path = os.path.join(work, "random-%d.conll" % seed)
    with open(path, "w", newline="") as f:
        f.write(random_file(seed))
    inputs.append(path)

ARGS = [([], []),
        (["--map", "per=PER,org=ORG,geo=LOC,*=O"], ["--map", "per=PER,org=ORG,geo=LOC,*=O"]),
        (["--map", "MISC=O,gpe=,tim=-"], ["--map", "MISC=O,gpe=,tim=-"]),
        (["--types", "per,org,geo,gpe"], ["--map", "per=per,org=org,geo=geo,gpe=gpe,*=O"])]
n = 0
found = 0
for path in inputs:
    tagged = os.path.join(work, os.path.basename(path) + ".tagged")  # never beside the fixture
    run([kgraph, "tag", "--conll", path], tagged)
    for ours, theirs in ARGS:
        a = run([kgraph, "eval", "--conll", path] + ours)
        b = run([sys.executable, scorer, tagged] + theirs)
        if a != b:
            sys.exit("%s %s: kgraph eval says\n%s\nconll_score.py says\n%s" % (path, " ".join(ours), a, b))
        if "micro:" not in a:
            sys.exit("%s: no micro line in\n%s" % (path, a))
        found += " found: 0 phrases" not in a
        n += 1
if found < n // 2:
    sys.exit("only %d of %d reports found any phrase: the inputs test too little" % (found, n))
print("%d reports identical" % n)
