//! Rebuilds the server when a migration file is added: `sqlx::migrate!` tracks the files it
//! embedded, not the folder, so a new one would otherwise be missing from the binary.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
