extension Migration {
    /// Real accounts (issue 9): several roles per account, sex, the windows and businesses one may serve, disabling,
    /// first sign-in password change, password history and a TOTP second factor; sign-in failures counted per badge and
    /// source address; device tokens for kiosks, displays and rating pads; sessions that only allow finishing set-up.
    ///
    /// Existing accounts keep what they could do: officer → window officer, duty leader → duty leader, admin →
    /// system administrator. The old `role` column stays, kept in step, for code that still reads it.
    static let v007Accounts = Migration(version: 7, name: "accounts, roles, devices, sign-in throttle") { _ in
        [
            "ALTER TABLE officers ADD COLUMN roles TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE officers ADD COLUMN sex TEXT",
            "ALTER TABLE officers ADD COLUMN serves_windows TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE officers ADD COLUMN serves_businesses TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE officers ADD COLUMN disabled_at BIGINT",
            "ALTER TABLE officers ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE officers ADD COLUMN password_history TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE officers ADD COLUMN totp_secret TEXT",
            "ALTER TABLE officers ADD COLUMN totp_confirmed INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE officers ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0",
            """
            UPDATE officers SET roles = CASE role WHEN 'dutyLeader' THEN 'dutyLeader' WHEN 'admin' THEN 'systemAdmin'
                ELSE 'windowOfficer' END
            """,
            "ALTER TABLE sessions ADD COLUMN purpose TEXT NOT NULL DEFAULT 'full'",
            """
            CREATE TABLE login_failures (
                badge TEXT NOT NULL,
                source TEXT NOT NULL,
                failures INTEGER NOT NULL,
                blocked_until BIGINT,
                last_failure_at BIGINT NOT NULL,
                PRIMARY KEY (badge, source)
            )
            """,
            """
            CREATE TABLE devices (
                id TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                name TEXT NOT NULL,
                window_number INTEGER,
                token_hash TEXT NOT NULL UNIQUE,
                issued_by TEXT NOT NULL,
                issued_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
        ]
    }
}
