#!/usr/bin/env python3
"""make_fixture.py: write train.conll, a small invented NER corpus for the tagger tests.

Sentences are built from templates and short name lists (no real corpus text),
deterministically (fixed seed), in the GMB format WORD<TAB>POS<TAB>IOB2 tag.
Run: python3 make_fixture.py > train.conll
"""
import random

rng = random.Random(7)
FIRST = ["Anna", "Marco", "Leila", "Tomas", "Yuki", "Omar", "Grace", "Pavel", "Ines", "Kofi"]
LAST = ["Berg", "Rossi", "Haddad", "Novak", "Tanaka", "Diallo", "Moreau", "Silva", "Kuznets", "Mensah"]
TITLE = ["President", "Mr.", "Minister", "General"]
CITY = ["Rome", "Nairobi", "Lima", "Oslo", "Hanoi", "Quito", "Dakar", "Riga"]
COUNTRY = ["Italy", "Kenya", "Peru", "Norway", "Vietnam", "Ecuador", "Senegal", "Latvia"]
DEMONYM = ["Italian", "Kenyan", "Peruvian", "Norwegian", "Vietnamese", "Senegalese"]
ORG = [["United", "Nations"], ["World", "Bank"], ["Red", "Cross"], ["Labor", "Party"], ["NATO"], ["Central", "Bank"]]
DAY = ["Monday", "Tuesday", "Friday", "Sunday"]
VERB = ["visited", "left", "praised", "criticized"]

def ent(words, typ):
    return [(w, "NNP", ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words)]

def o(*words):
    return [(w, "X", "O") for w in words]

def person():
    p = ent([rng.choice(FIRST), rng.choice(LAST)], "per")
    if rng.random() < 0.4:
        p = ent([rng.choice(TITLE)], "per") + [(w, t, "I-per") for w, t, _ in p]
    return p

def sentence():
    k = rng.randrange(4)
    if k == 0:
        return person() + o(rng.choice(VERB)) + ent([rng.choice(CITY)], "geo") + o("on") + ent([rng.choice(DAY)], "tim") + o(".")
    if k == 1:
        return o("The") + ent(rng.choice(ORG), "org") + o("said") + person() + o("will", "meet") + \
            ent([rng.choice(DEMONYM)], "gpe") + o("officials", "in") + ent([rng.choice(COUNTRY)], "geo") + o(".")
    if k == 2:
        return ent([rng.choice(DEMONYM)], "gpe") + o("troops", "arrived", "in") + ent([rng.choice(CITY)], "geo") + \
            o("after", "talks", "with", "the") + ent(rng.choice(ORG), "org") + o(".")
    return o("Officials", "in") + ent([rng.choice(COUNTRY)], "geo") + o("say") + person() + \
        o("will", "visit", "the") + ent(rng.choice(ORG), "org") + o("on") + ent([rng.choice(DAY)], "tim") + o(".")

for doc in range(12):
    if doc:
        print("-DOCSTART-\tX\tO\n")
    for _ in range(10):
        for w, pos, tag in sentence():
            print(f"{w}\t{pos}\t{tag}")
        print()
