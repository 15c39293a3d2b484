-- ChemCluster Desktop on a shared PostgreSQL server: two roles.
--   chemcluster_owner  owns the tables; used only for «chemcluster init» (schema upgrades), by the administrator
--   chemcluster_app    what every PC connects with (its password is on every PC): it reads and writes the data
--                      but cannot UPDATE, DELETE or TRUNCATE the journal (audit_log)
-- Replace the two passwords. Run the sections in order (README, «Several PCs: a shared PostgreSQL database»);
-- tests/services/test_postgres_roles.py runs this very file.

-- == 1. as the superuser (sudo -u postgres psql) ==
CREATE ROLE chemcluster_owner LOGIN PASSWORD 'OWNER-PASSWORD';
CREATE ROLE chemcluster_app LOGIN PASSWORD 'APP-PASSWORD';
CREATE DATABASE chemcluster OWNER chemcluster_owner;

-- == 2. as the superuser, in the new database (psql -d chemcluster) ==
REVOKE ALL ON DATABASE chemcluster FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE chemcluster TO chemcluster_app;
ALTER SCHEMA public OWNER TO chemcluster_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO chemcluster_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chemcluster_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chemcluster_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chemcluster_owner IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO chemcluster_app;

-- == 3. chemcluster --db postgresql+psycopg://chemcluster_owner:OWNER-PASSWORD@SERVER/chemcluster init ==

-- == 4. as the owner, after every «init» that upgraded the schema (psql -U chemcluster_owner -d chemcluster) ==
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO chemcluster_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO chemcluster_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM chemcluster_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM chemcluster_app;
