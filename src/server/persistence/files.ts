// The file operations persistence needs, behind one interface so that tests can make them fail
// (a full disk, PERSIST-9) without a full disk.
import { open, readdir, readFile, rename, rm, mkdir } from "node:fs/promises";
import { join } from "node:path";

export interface AppendFile {
  write(data: Buffer): Promise<void>;
  /** fdatasync: what was written is on the disk. */
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface DataFiles {
  mkdir(dir: string): Promise<void>;
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<Buffer>;
  /** Opens `path` for appending, creating it when missing. */
  append(path: string): Promise<AppendFile>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** fsync of the directory itself: its new and renamed entries are on the disk. */
  syncDir(dir: string): Promise<void>;
}

export const nodeFiles: DataFiles = {
  mkdir: async (dir) => void (await mkdir(dir, { recursive: true })),
  list: (dir) => readdir(dir),
  read: (path) => readFile(path),
  async append(path) {
    const handle = await open(path, "a");
    return {
      write: async (data) => {
        // A write may take less than all of it; append the rest.
        for (let at = 0; at < data.length; ) at += (await handle.write(data, at, data.length - at)).bytesWritten;
      },
      sync: () => handle.datasync(),
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  async syncDir(dir) {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export const inDir = (dir: string, name: string) => join(dir, name);
