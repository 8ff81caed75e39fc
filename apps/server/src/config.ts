import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  LINLI_DATA_DIR: z.string().default('./data'),
  LINLI_SECRET: z.string().min(32).optional(),
  LINLI_DEMO_PASSWORD: z.string().min(8).optional(),
  LINLI_PUBLIC_URL: z.string().optional(),
  LINLI_SEED: z.enum(['demo', 'none']).default('demo'),
  LOG_LEVEL: z.string().default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  secret?: string;
  demoPassword?: string;
  publicUrl?: string;
  seed: 'demo' | 'none';
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = envSchema.parse(env);
  // npm start runs from the workspace folder; keep ./data relative to where the user ran npm
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(base, e.LINLI_DATA_DIR),
    secret: e.LINLI_SECRET,
    demoPassword: e.LINLI_DEMO_PASSWORD,
    publicUrl: e.LINLI_PUBLIC_URL,
    seed: e.LINLI_SEED,
    logLevel: e.LOG_LEVEL,
  };
}
