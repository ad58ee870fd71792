//! The real `server` binary in a process of its own (for kill -9, several instances
//! and backups), and a private PostgreSQL cluster the test can stop and start.
use crate::helpers::{client, repo_content, TestApp, TestDb};
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// A server process, killed when dropped.
pub struct ServerProcess {
    child: Child,
    /// `http://127.0.0.1:port`
    pub address: String,
}

impl ServerProcess {
    /// Starts the binary on `database_url` with the repository's content and `env`, and
    /// waits until `/healthz` answers 200 (at most a minute).
    pub async fn start(database_url: &str, env: &[(&str, &str)]) -> ServerProcess {
        let port = free_port();
        let address = format!("127.0.0.1:{port}");
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", &address)
            .env("REPERES_CONTENT_DIR", repo_content())
            .env("RUST_LOG", "warn")
            // Tests sign up from 127.0.0.1 by the hundred; the limit is tested on its own.
            .env("REPERES_SIGNUP_LIMIT", "0")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("the server binary starts");
        let process = ServerProcess {
            child,
            address: format!("http://{address}"),
        };
        assert!(
            process.wait_healthy(Duration::from_secs(60)).await,
            "the server at {address} did not answer /healthz within a minute"
        );
        process
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Waits until `/healthz` answers 200; false when `limit` passes first.
    pub async fn wait_healthy(&self, limit: Duration) -> bool {
        let http = client();
        let deadline = tokio::time::Instant::now() + limit;
        while tokio::time::Instant::now() < deadline {
            if let Ok(r) = http.get(self.url("/healthz")).send().await {
                if r.status() == 200 {
                    return true;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    /// Kills the process at once (SIGKILL: no shutdown, no flush) and reaps it.
    pub fn kill_9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill_9();
    }
}

/// A test client of the process at `address`, with a store on the same database, for
/// the helpers that set data up and the checks that read it. It owns `db`.
pub async fn client_beside(db: TestDb, address: &str) -> TestApp {
    let store = app::db::Store::connect(&db.url).await.unwrap();
    TestApp {
        address: address.to_string(),
        client: client(),
        store,
        _db: db,
    }
}

/// Two server processes on one fresh database (each with `env`), and a client beside
/// the first.
pub async fn two_instances(env: &[(&str, &str)]) -> (ServerProcess, ServerProcess, TestApp) {
    let db = TestDb::new().await;
    let first = ServerProcess::start(&db.url, env).await;
    let second = ServerProcess::start(&db.url, env).await;
    let app = client_beside(db, &first.address).await;
    (first, second, app)
}

/// A TCP port free on 127.0.0.1 right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The folder of PostgreSQL's server programs (`initdb`, `pg_ctl`), newest version first.
fn postgres_bin() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .filter(|bin| bin.join("initdb").exists())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.pop().expect(
        "initdb not found under /usr/lib/postgresql/*/bin: install the PostgreSQL server \
         package (it runs the tests' database anyway)",
    )
}

/// A PostgreSQL cluster of the test's own (initdb in a temporary folder, its own port,
/// trust authentication), stopped and removed when dropped. PostgreSQL refuses to run as
/// root, so as root its programs run as the `postgres` user.
pub struct PrivateCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

impl PrivateCluster {
    pub fn create() -> PrivateCluster {
        let dir = tempfile::tempdir().expect("temp dir");
        if running_as_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success(), "chown the cluster folder to postgres");
        }
        let cluster = PrivateCluster {
            bin: postgres_bin(),
            port: free_port(),
            dir,
        };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        cluster.start();
        cluster
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres`
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut command = if running_as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let output = command
            .args(args)
            .current_dir(self.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
        assert!(
            output.status.success(),
            "{} {args:?} failed: {}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    pub fn start(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off",
            self.port,
            self.path().display()
        );
        let log = self.path().join("log").display().to_string();
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "start",
            ],
        );
    }

    /// Stops the cluster (fast shutdown: open connections are cut, as in an outage).
    pub fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let program = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "stop"];
        let _ = if running_as_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        };
    }
}
