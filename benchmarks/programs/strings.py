import unicodedata


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def main():
    # 4D's Position and Replace string ignore case and accents: the equivalent work folds the texts.
    t = "The quick brown fox jumps over the lazy dog"
    total = 0
    for _ in range(30000):
        total = total + fold(t).find(fold("fox")) + 1
        s = t[4:15]
        s = s.replace("quick", "slow") if fold("quick") in fold(s) else s
        total = total + len(s)
    return total
