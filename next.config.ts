import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs'],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project in its own step; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
