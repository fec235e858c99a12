# One image for the API, worker and CLI processes.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A 64 MB V8 semi-space (young generation): statement batches outlive the default 16 MB one, and their
# copying and promotion cost ~10% of the CPU of LRS ingest; up to 128 MB more memory per process.
ENV NODE_OPTIONS=--max-semi-space-size=64
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 8080
CMD ["node", "dist/apps/api/src/main.js"]
