def main():
    c = []
    for i in range(1, 100001):
        c.append({"id": i, "price": i % 100})
    total = 0.0
    for item in c:
        total = total + item["price"]
    return total
