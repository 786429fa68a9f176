class Counter:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count = self.count + n
        return self


def main():
    counter = Counter()
    for _ in range(200000):
        counter.add(1)
    return counter.count
