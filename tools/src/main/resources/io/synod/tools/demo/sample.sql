-- The demo's sample schema: a small shop. Statements end with a semicolon on its own line end.
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  city VARCHAR(32),
  joined DATE NOT NULL
);
CREATE TABLE products (
  sku VARCHAR(16) PRIMARY KEY,
  title VARCHAR(80) NOT NULL,
  price DECIMAL(10, 2) NOT NULL,
  stock INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  sku VARCHAR(16) NOT NULL,
  quantity INTEGER NOT NULL,
  placed TIMESTAMP NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id);
INSERT INTO customers VALUES
  (1, 'Ada Lovelace', 'London', DATE '2024-03-01'),
  (2, 'Edsger Dijkstra', 'Nuenen', DATE '2024-05-17'),
  (3, 'Barbara Liskov', 'Boston', DATE '2025-01-09'),
  (4, 'Leslie Lamport', NULL, DATE '2025-06-30'),
  (5, 'Grace Hopper', 'Arlington', DATE '2026-02-14');
INSERT INTO products VALUES
  ('KB-01', 'Mechanical keyboard', 89.90, 40),
  ('MS-02', 'Wireless mouse', 24.50, 120),
  ('MN-27', '27-inch monitor', 239.00, 15),
  ('HD-01', 'Headphones', 59.99, 0);
INSERT INTO orders VALUES
  (1001, 1, 'KB-01', 1, TIMESTAMP '2026-11-02 09:15:00'),
  (1002, 1, 'MS-02', 2, TIMESTAMP '2026-11-02 09:16:30'),
  (1003, 2, 'MN-27', 1, TIMESTAMP '2026-11-05 14:02:11'),
  (1004, 3, 'MS-02', 1, TIMESTAMP '2026-11-11 18:40:00'),
  (1005, 4, 'KB-01', 3, TIMESTAMP '2026-11-20 08:05:42'),
  (1006, 5, 'MN-27', 2, TIMESTAMP '2026-11-28 21:30:00');
CREATE VIEW order_totals AS
  SELECT c.name, SUM(o.quantity * p.price) AS total
  FROM orders o JOIN customers c ON o.customer_id = c.id JOIN products p ON o.sku = p.sku
  GROUP BY c.name;
