def main():
    c = []
    for i in range(1, 100001):
        c.append((i * 7919) % 100003)
    c = sorted(c)
    c = list(map(lambda v: v * 2, c))
    c = list(filter(lambda v: v % 3 == 0, c))
    total = 0
    for v in c:
        total = total + v
    return float(total)
