create table orders (id varchar(20) primary key);
