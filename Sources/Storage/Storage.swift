// Storage: PostgreSQL + PostGIS through libpq (the only module importing CLibPQ).
//
// - PostgresConnection: one owned PGconn; parameterised statements, COPY, transactions.
// - PostgresClient: an actor sharing a connection between tasks, reconnecting after a loss.
// - Migrator + Migrations/NNNN_name.sql: versioned schema changes.
// - EventJournal: the append-only journal table.
// - LocalPostgres / DatabaseEnvironment: the private local cluster, or DATABASE_URL.
