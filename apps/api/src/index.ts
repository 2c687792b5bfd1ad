// The API app's public entry: what the CLI (serve, the simulation, the benchmarks) may use of it. Everything else
// under apps/api/src is the app's own; lint refuses an import of it from another app.
export { AppModule } from './app.module';
export { createApp } from './create-app';
export { settle } from './demo/demo-clock';
export { loadDemoIfEmpty } from './demo/load-demo';
export { strictValidationPipe } from './http/validation.pipe';
export { LedgerProofs } from './ledger/ledger-proofs.service';
export { serve } from './serve';
