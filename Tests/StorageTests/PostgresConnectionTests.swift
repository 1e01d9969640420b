import Foundation
import Testing
import TestSupport
@testable import Storage

@Suite("PostgresConnection on real PostgreSQL")
struct PostgresConnectionTests {
    @Test("binary parameters come back unchanged, with text and with binary results", arguments: [false, true])
    func scalarRoundTrip(binaryResults: Bool) throws {
        let db = try TestDatabase.connect()
        let row = try db.query("SELECT $1::int8 AS i, $2::float8 AS d, $3::bool AS b, $4::text AS s, $5::bytea AS bytes, $6::int8 AS n",
                               [.int(Int.min), .double(-1.5e-300), .bool(true), .text("Zoë ☎ 'quoted' \\ \t"),
                                .bytea(Data((0...255).map { UInt8($0) })), .null],
                               binaryResults: binaryResults).firstRow()
        #expect(try row["i"].int() == Int.min)
        #expect(try row["d"].double() == -1.5e-300)
        #expect(try row["b"].bool() == true)
        #expect(try row["s"].string() == "Zoë ☎ 'quoted' \\ \t")
        #expect(try row["bytes"].data() == Data((0...255).map { UInt8($0) }))
        #expect(try row["n"].isNull)
        #expect(try row["n"].optional == nil)
        #expect(try row[0].int() == Int.min)
    }

    @Test("special doubles survive the text and the binary format", arguments: [false, true])
    func specialDoubles(binaryResults: Bool) throws {
        let db = try TestDatabase.connect()
        let row = try db.query("SELECT $1::float8 AS a, $2::float8 AS b, $3::float8 AS c, $4::float8 AS d",
                               [.double(.infinity), .double(-.infinity), .double(.nan), .double(0.1 + 0.2)],
                               binaryResults: binaryResults).firstRow()
        #expect(try row["a"].double() == .infinity)
        #expect(try row["b"].double() == -.infinity)
        #expect(try row["c"].double().isNaN)
        #expect(try row["d"].double() == 0.1 + 0.2)
    }

    @Test("arrays bind as binary int8[], float8[], text[], bool[], bytea[]")
    func arrays() throws {
        let db = try TestDatabase.connect()
        let result = try db.query("""
            SELECT * FROM unnest($1::int8[], $2::float8[], $3::text[], $4::bool[], $5::bytea[]) WITH ORDINALITY
                AS t(i, d, s, b, bytes, n) ORDER BY n
            """, [.intArray([1, -2, 3]), .doubleArray([0.5, 1e10, -0]), .textArray(["a", "", "ünï"]),
                  .boolArray([true, false, true]), .byteaArray([Data([0]), Data(), Data([255, 1])])])
        #expect(result.rowCount == 3)
        #expect(try result.rows.map { try $0["i"].int() } == [1, -2, 3])
        #expect(try result.rows.map { try $0["d"].double() } == [0.5, 1e10, -0])
        #expect(try result.rows.map { try $0["s"].string() } == ["a", "", "ünï"])
        #expect(try result.rows.map { try $0["b"].bool() } == [true, false, true])
        #expect(try result.rows.map { try $0["bytes"].data() } == [Data([0]), Data(), Data([255, 1])])
        let empty = try db.query("SELECT cardinality($1::int8[]) AS n", [.intArray([])]).firstRow()
        #expect(try empty["n"].int() == 0)
    }

    @Test("timestamps round-trip to the microsecond; jsonb reads back as its text")
    func timestampsAndJSON() throws {
        let db = try TestDatabase.connect()
        let instant = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let row = try db.query("SELECT $1::timestamptz AS t, extract(epoch FROM $1::timestamptz)::text AS e, $2::jsonb AS j",
                               [.timestamp(instant), .jsonb(Data(#"{"b": 1, "a": [true, null]}"#.utf8))],
                               binaryResults: true).firstRow()
        #expect(abs(try row["t"].date().timeIntervalSince(instant)) < 1e-6)
        #expect(try row["e"].string() == "1700000000.123456")
        #expect(try row["j"].string() == #"{"a": [true, null], "b": 1}"#)
    }

    @Test("a server error carries SQLSTATE, message, detail, hint and the statement")
    func serverErrors() throws {
        let db = try TestDatabase.connect()
        try db.query("CREATE TEMP TABLE unique_things (id int PRIMARY KEY)")
        try db.query("INSERT INTO unique_things VALUES (1)")
        let duplicate = #expect(throws: PostgresError.self) {
            try db.query("INSERT INTO unique_things VALUES ($1::int)", [.int(1)])
        }
        guard case let .server(error) = duplicate else { Issue.record("expected a server error, got \(String(describing: duplicate))"); return }
        #expect(error.sqlState == "23505")
        #expect(error.message.contains("duplicate key"))
        #expect(error.detail == "Key (id)=(1) already exists.")
        #expect(error.table == "unique_things")
        #expect(error.constraint == "unique_things_pkey")
        #expect(error.description.contains("INSERT INTO unique_things"))

        let hinted = #expect(throws: PostgresError.self) {
            try db.query("DO $$ BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'the detail', HINT = 'the hint', ERRCODE = 'P0001'; END $$")
        }
        #expect(hinted?.sqlState == "P0001")
        if case let .server(error) = hinted {
            #expect(error.message == "boom")
            #expect(error.detail == "the detail")
            #expect(error.hint == "the hint")
        }

        let syntax = #expect(throws: PostgresError.self) { try db.query("SELEC 1") }
        if case let .server(error) = syntax {
            #expect(error.sqlState == "42601")
            #expect(error.position == 1)
        } else {
            Issue.record("expected a syntax error")
        }
        // The connection is still usable after errors.
        #expect(try db.query("SELECT 41 + 1 AS x").firstRow()["x"].int() == 42)
    }

    @Test("a failed connection names the target without the password")
    func connectionFailure() {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection("host=/nonexistent/socket/dir port=5999 user=u password=s3cr3t dbname=nope connect_timeout=2")
        }
        guard case let .connectionFailed(conninfo, message) = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(conninfo.contains("/nonexistent/socket/dir"))
        #expect(!conninfo.contains("s3cr3t"))
        #expect(!(error?.description.contains("s3cr3t") ?? true))
        #expect(message.contains("/nonexistent/socket/dir"))
    }

    @Test("reading a cell as the wrong type, a NULL, a missing column: typed errors naming the place")
    func decodingErrors() throws {
        let db = try TestDatabase.connect()
        let row = try db.query("SELECT 'abc'::text AS word, NULL::int AS nothing").firstRow()
        #expect {
            _ = try row["word"].int()
        } throws: { error in
            guard case let .decoding(r, column, expected, found) = error as? PostgresError else { return false }
            return r == 0 && column == "word" && expected == "Int" && found.contains("abc")
        }
        #expect(throws: PostgresError.unexpectedNull(row: 0, column: "nothing")) { _ = try row["nothing"].int() }
        #expect(throws: PostgresError.noSuchColumn("missing", available: ["word", "nothing"])) { _ = try row["missing"] }
        #expect(throws: PostgresError.outOfRange(row: 0, column: 5, rows: 1, columns: 2)) { _ = try row[5] }
        let empty = try db.query("SELECT 1 AS x WHERE false")
        #expect(throws: PostgresError.self) { _ = try empty.firstRow() }
    }

    @Test("text containing a NUL byte is refused before sending")
    func nulByte() throws {
        let db = try TestDatabase.connect()
        #expect {
            try db.query("SELECT $1::text", [.text("a\u{0}b")])
        } throws: { error in
            guard case let .invalidRequest(message) = error as? PostgresError else { return false }
            return message.contains("NUL")
        }
    }

    @Test("commands report affected rows and their tag")
    func commandTags() throws {
        let db = try TestDatabase.connect()
        try db.query("CREATE TEMP TABLE tags (x int)")
        let insert = try db.query("INSERT INTO tags SELECT generate_series(1, $1::int)", [.int(7)])
        #expect(insert.affectedRows == 7)
        #expect(insert.commandTag == "INSERT 0 7")
        let update = try db.query("UPDATE tags SET x = x + 1 WHERE x > $1", [.int(4)])
        #expect(update.affectedRows == 3)
    }

    @Test("transactions commit on return, roll back on throw, and nest with savepoints")
    func transactions() throws {
        let db = try TestDatabase.connect()
        try db.query("CREATE TEMP TABLE ledger (x int)")
        struct Abort: Error {}
        try db.transaction { try $0.query("INSERT INTO ledger VALUES (1)") }
        #expect(throws: Abort.self) {
            try db.transaction { conn in
                try conn.query("INSERT INTO ledger VALUES (2)")
                throw Abort()
            }
        }
        try db.transaction(isolation: .serializable) { conn in
            try conn.query("INSERT INTO ledger VALUES (3)")
            #expect(throws: Abort.self) {
                try conn.transaction { inner in
                    try inner.query("INSERT INTO ledger VALUES (4)")
                    throw Abort()
                }
            }
            try conn.transaction { try $0.query("INSERT INTO ledger VALUES (5)") }
        }
        let values = try db.query("SELECT x FROM ledger ORDER BY x").rows.map { try $0["x"].int() }
        #expect(values == [1, 3, 5])
        #expect(!db.isInTransaction)
    }

    @Test("COPY FROM STDIN stores tricky text exactly and counts rows; an aborted COPY stores nothing")
    func copyIn() throws {
        let db = try TestDatabase.connect()
        try db.query("CREATE TEMP TABLE copied (id int, note text)")
        let notes: [String?] = ["tab\there", "new\nline", #"back\slash"#, nil, "", "\\N", "ünïcødé"]
        let stored = try db.copyIn("COPY copied (id, note) FROM STDIN") { rows in
            for (i, note) in notes.enumerated() { try rows.append([String(i), note]) }
        }
        #expect(stored == notes.count)
        let back = try db.query("SELECT note FROM copied ORDER BY id").rows.map { try $0["note"].optional?.string() }
        #expect(back == notes)

        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.copyIn("COPY copied (id, note) FROM STDIN") { rows in
                try rows.append(["100", "never stored"])
                throw Abort()
            }
        }
        #expect(try db.query("SELECT count(*) AS n FROM copied").firstRow()["n"].int() == notes.count)
        // A row the server rejects fails the whole COPY with the server's error.
        let bad = #expect(throws: PostgresError.self) {
            try db.copyIn("COPY copied (id, note) FROM STDIN") { rows in try rows.append(["not a number", "x"]) }
        }
        #expect(bad?.sqlState == "22P02")
        #expect(try db.query("SELECT 1 AS ok").firstRow()["ok"].int() == 1)
    }

    @Test("a bulk COPY of 100,000 rows completes")
    func bulkCopy() throws {
        let db = try TestDatabase.connect()
        try db.query("CREATE TEMP TABLE bulk (id int8, lon float8, lat float8)")
        let stored = try db.copyIn("COPY bulk FROM STDIN") { rows in
            for i in 0..<100_000 { try rows.append([String(i), String(-2 + Double(i) * 1e-6), "52.5"]) }
        }
        #expect(stored == 100_000)
        #expect(try db.query("SELECT sum(id) AS s FROM bulk").firstRow()["s"].int() == 4_999_950_000)
    }

    @Test("prepared statements run repeatedly with new parameters; an unknown name is a server error")
    func prepared() throws {
        let db = try TestDatabase.connect()
        try db.prepare("double_it", "SELECT $1::int8 * 2 AS x, $2::text AS s")
        for i in [0, 7, -3] {
            let row = try db.query(prepared: "double_it", [.int(i), .text("n\(i)")]).firstRow()
            #expect(try row["x"].int() == i * 2)
            #expect(try row["s"].string() == "n\(i)")
        }
        let error = #expect(throws: PostgresError.self) { try db.query(prepared: "no_such_statement") }
        #expect(error?.sqlState == "26000")
        #expect(throws: PostgresError.self) { try db.prepare("bad", "SELEC nonsense") }
    }

    @Test("identifiers are quoted safely")
    func quoting() throws {
        let db = try TestDatabase.connect()
        #expect(try db.quoteIdentifier("plain") == "\"plain\"")
        #expect(try db.quoteIdentifier("we\"ird") == "\"we\"\"ird\"")
    }
}
