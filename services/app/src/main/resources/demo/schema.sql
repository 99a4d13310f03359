-- Demo source database of a Japanese service company (fictitious data).
-- Captured by the capture service like any production database would be.

create table members (
    id          bigserial primary key,
    会員番号     text not null unique,
    氏名         text not null,
    フリガナ     text,
    email       text,
    電話番号     text,
    郵便番号     text,
    住所         text,
    生年月日     date,
    性別         text,
    会員ランク   text not null default 'basic',
    登録日時     timestamptz not null default now()
);

create table products (
    id        bigserial primary key,
    name      text not null,
    category  text not null,
    price_yen integer not null
);

create table orders (
    id             bigserial primary key,
    member_id      bigint not null references members (id),
    product_id     bigint not null references products (id),
    quantity       integer not null,
    total_yen      integer not null,
    payment_method text not null,
    ordered_at     timestamptz not null default now()
);

create table "取引先担当者" (
    id          serial primary key,
    会社名       text not null,
    部署         text,
    担当者名     text not null,
    メールアドレス text,
    電話番号     text
);

create table employees (
    id              serial primary key,
    employee_no     text not null unique,
    last_name       text not null,
    first_name      text not null,
    last_name_kana  text,
    first_name_kana text,
    work_email      text,
    mobile_phone    text,
    department      text,
    hire_date       date
);

create table job_applicants (
    id               bigserial primary key,
    name             text not null,
    name_kana        text,
    email            text,
    phone            text,
    birth_date       date,
    desired_position text,
    applied_at       timestamptz not null default now()
);

create table health_checkups (
    id             bigserial primary key,
    employee_id    integer not null references employees (id),
    checkup_date   date not null,
    height_cm      numeric(4, 1),
    weight_kg      numeric(4, 1),
    blood_pressure text,
    diagnosis      text,
    既往歴          text
);
