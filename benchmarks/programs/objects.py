def main():
    o = {}
    total = 0.0
    for i in range(1, 100001):
        o["value"] = i
        total = total + o["value"]
    return total
