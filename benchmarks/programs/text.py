def main():
    t = ""
    for _ in range(200000):
        t += "x"
    return len(t)
