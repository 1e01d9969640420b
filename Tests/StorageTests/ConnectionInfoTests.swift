import Testing
@testable import Storage

@Suite("ConnectionInfo")
struct ConnectionInfoTests {
    @Test("key=value strings parse; the password never appears in the redacted form")
    func keyValueRedacted() throws {
        let info = try ConnectionInfo("host=/tmp/sock port=5433 user=alice password=s3cr3t dbname=bluelamp")
        #expect(info["host"] == "/tmp/sock")
        #expect(info["port"] == "5433")
        #expect(info["password"] == "s3cr3t")
        #expect(!info.redacted.contains("s3cr3t"))
        #expect(!info.redacted.contains("password"))
        #expect(info.redacted.contains("user=alice"))
        #expect(info.conninfo.contains("password=s3cr3t"))
    }

    @Test("postgresql:// URLs parse, including a socket folder in the query")
    func urls() throws {
        let info = try ConnectionInfo("postgresql://bob:pw@db.example:6543/ops?sslmode=disable")
        #expect(info["host"] == "db.example")
        #expect(info["port"] == "6543")
        #expect(info["user"] == "bob")
        #expect(info["dbname"] == "ops")
        #expect(info["sslmode"] == "disable")
        #expect(!info.description.contains("pw"))
        let socket = try ConnectionInfo("postgresql:///bluelamp?host=/work/x/.bluelamp/postgres&user=bluelamp")
        #expect(socket["host"] == "/work/x/.bluelamp/postgres")
        #expect(socket["dbname"] == "bluelamp")
    }

    @Test("values with spaces and quotes survive rendering and re-parsing", arguments: [
        "plain", "with space", "it's", #"back\slash"#, "-c search_path=t_1,public",
    ])
    func quoting(value: String) throws {
        let info = try ConnectionInfo("dbname=x").setting("options", to: value)
        let reparsed = try ConnectionInfo(info.conninfo)
        #expect(reparsed["options"] == value)
        #expect(reparsed["dbname"] == "x")
    }

    @Test("setting replaces an earlier value")
    func settingReplaces() throws {
        let info = try ConnectionInfo("dbname=a").setting("dbname", to: "b")
        #expect(info["dbname"] == "b")
        #expect(info.settings.filter { $0.key == "dbname" }.count == 1)
    }

    @Test("a malformed string is a clear error, not a crash", arguments: [
        "host='unterminated", "nonsensekey=1", "postgresql://[::1",
    ])
    func malformed(text: String) {
        #expect {
            _ = try ConnectionInfo(text)
        } throws: { error in
            guard case let .invalidRequest(message) = error as? PostgresError else { return false }
            return message.contains("connection string is not valid")
        }
    }

    @Test("redactedConninfo hides the password even when the string does not parse")
    func redactUnparseable() {
        #expect(!redactedConninfo("password=s3cr3t host='oops").contains("s3cr3t"))
    }
}
