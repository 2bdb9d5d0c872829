-- The shape of Chinook (the digital media store sample) with its PascalCase quoted identifiers:
-- "InvoiceLine"."TrackId" -> "Track"."TrackId", integer keys named <Table>Id, a "PlaylistTrack"
-- join table. Chinook's two role-named references whose names carry no table word: "Employee"."ReportsTo"
-- keeps Chinook's own FK_EmployeeReportsTo (a person's role inside the table of people can only
-- point at that table); "Customer"."SupportRepId" is kept as a plain column without its
-- constraint: no name rule can tell where it points, so it would only measure guessing.
CREATE TABLE "Artist" ("ArtistId" integer PRIMARY KEY, "Name" varchar(120));
CREATE TABLE "Album" (
  "AlbumId" integer PRIMARY KEY,
  "Title" varchar(160) NOT NULL,
  "ArtistId" integer NOT NULL REFERENCES "Artist" ("ArtistId")
);
CREATE TABLE "Genre" ("GenreId" integer PRIMARY KEY, "Name" varchar(120));
CREATE TABLE "MediaType" ("MediaTypeId" integer PRIMARY KEY, "Name" varchar(120));
CREATE TABLE "Track" (
  "TrackId" integer PRIMARY KEY,
  "Name" varchar(200) NOT NULL,
  "AlbumId" integer REFERENCES "Album" ("AlbumId"),
  "MediaTypeId" integer NOT NULL REFERENCES "MediaType" ("MediaTypeId"),
  "GenreId" integer REFERENCES "Genre" ("GenreId"),
  "Composer" varchar(220),
  "Milliseconds" integer NOT NULL,
  "Bytes" integer,
  "UnitPrice" numeric(10,2) NOT NULL
);
CREATE TABLE "Employee" (
  "EmployeeId" integer PRIMARY KEY,
  "LastName" varchar(20) NOT NULL,
  "FirstName" varchar(20) NOT NULL,
  "Title" varchar(30),
  "ReportsTo" integer CONSTRAINT "FK_EmployeeReportsTo" REFERENCES "Employee" ("EmployeeId"),
  "BirthDate" timestamp,
  "HireDate" timestamp,
  "Email" varchar(60)
);
CREATE TABLE "Customer" (
  "CustomerId" integer PRIMARY KEY,
  "FirstName" varchar(40) NOT NULL,
  "LastName" varchar(20) NOT NULL,
  "Company" varchar(80),
  "Country" varchar(40),
  "Email" varchar(60) NOT NULL,
  "SupportRepId" integer
);
CREATE TABLE "Invoice" (
  "InvoiceId" integer PRIMARY KEY,
  "CustomerId" integer NOT NULL REFERENCES "Customer" ("CustomerId"),
  "InvoiceDate" timestamp NOT NULL,
  "BillingCountry" varchar(40),
  "Total" numeric(10,2) NOT NULL
);
CREATE TABLE "InvoiceLine" (
  "InvoiceLineId" integer PRIMARY KEY,
  "InvoiceId" integer NOT NULL REFERENCES "Invoice" ("InvoiceId"),
  "TrackId" integer NOT NULL REFERENCES "Track" ("TrackId"),
  "UnitPrice" numeric(10,2) NOT NULL,
  "Quantity" integer NOT NULL
);
CREATE TABLE "Playlist" ("PlaylistId" integer PRIMARY KEY, "Name" varchar(120));
CREATE TABLE "PlaylistTrack" (
  "PlaylistId" integer NOT NULL REFERENCES "Playlist" ("PlaylistId"),
  "TrackId" integer NOT NULL REFERENCES "Track" ("TrackId"),
  PRIMARY KEY ("PlaylistId", "TrackId")
);

INSERT INTO "Artist" VALUES (1, 'AC/DC'), (2, 'Accept');
INSERT INTO "Album" VALUES (1, 'For Those About To Rock We Salute You', 1), (2, 'Balls to the Wall', 2);
INSERT INTO "Genre" VALUES (1, 'Rock');
INSERT INTO "MediaType" VALUES (1, 'MPEG audio file');
INSERT INTO "Track" VALUES
  (1, 'For Those About To Rock (We Salute You)', 1, 1, 1, 'Angus Young, Malcolm Young, Brian Johnson', 343719, 11170334, 0.99),
  (2, 'Balls to the Wall', 2, 1, 1, NULL, 342562, 5510424, 0.99);
INSERT INTO "Employee" VALUES (1, 'Adams', 'Andrew', 'General Manager', NULL, '1962-02-18', '2002-08-14', 'andrew@chinookcorp.com'),
  (2, 'Edwards', 'Nancy', 'Sales Manager', 1, '1958-12-08', '2002-05-01', 'nancy@chinookcorp.com');
INSERT INTO "Customer" VALUES (1, 'Luís', 'Gonçalves', 'Embraer', 'Brazil', 'luisg@embraer.com.br', 2);
INSERT INTO "Invoice" VALUES (1, 1, '2021-01-01', 'Brazil', 1.98);
INSERT INTO "InvoiceLine" VALUES (1, 1, 1, 0.99, 1), (2, 1, 2, 0.99, 1);
INSERT INTO "Playlist" VALUES (1, 'Music');
INSERT INTO "PlaylistTrack" VALUES (1, 1), (1, 2);
