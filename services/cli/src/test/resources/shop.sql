-- PostgreSQL
CREATE TABLE members (
    id bigserial PRIMARY KEY,
    "氏名" varchar(40) NOT NULL,
    email text,
    phone_number varchar(20)
);
/* a statement the parser cannot read */
CREATE TABLE broken (id int,, name text);
INSERT INTO members ("氏名") VALUES ('山田; 太郎');
-- MySQL
CREATE TABLE `employees` (
  `emp_id` int unsigned NOT NULL AUTO_INCREMENT,
  `last_name` varchar(45) NOT NULL COMMENT '姓',
  `birth_date` date DEFAULT NULL,
  PRIMARY KEY (`emp_id`),
  KEY `idx_last_name` (`last_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- Foreign keys: inline (PostgreSQL), table-level (MySQL) and by ALTER TABLE
CREATE TABLE visits (
    visit_id bigserial PRIMARY KEY,
    guest bigint REFERENCES members (id),
    host int
);
CREATE TABLE `payslips` (
  `payslip_id` int NOT NULL,
  `payee` int NOT NULL,
  CONSTRAINT `fk_payee` FOREIGN KEY (`payee`) REFERENCES `employees` (`emp_id`)
);
ALTER TABLE visits ADD CONSTRAINT fk_host FOREIGN KEY (host) REFERENCES employees (emp_id);
