// `npm run dev`: the API server (tsx watch, restarts on change) on PORT (8080)
// and Vite with hot reload on 5173, proxying /api to it.
import { spawn } from 'node:child_process'

const port = process.env.PORT ?? '8080'
const children = [
  spawn('npx', ['tsx', 'watch', 'src/server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port, STATIC_DIR: 'no-static-in-dev' },
  }),
  spawn('npx', ['vite', '--host'], {
    stdio: 'inherit',
    env: { ...process.env, API_URL: `http://127.0.0.1:${port}` },
  }),
]
const stop = () => children.forEach((child) => child.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => code && stop())
