from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "password_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "purpose" VARCHAR(10) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "spent_at" TIMESTAMPTZ,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_password_to_user_id_d96e23" ON "password_token" ("user_id", "created_at");
COMMENT ON COLUMN "password_token"."purpose" IS 'INVITATION: INVITATION\nRESET: RESET';
COMMENT ON TABLE "password_token" IS 'A single-use, expiring set-password link (an invitation or a password reset).';
        COMMENT ON COLUMN "message"."kind" IS 'TEST: TEST\nCAMPAIGN: CAMPAIGN\nPASSWORD: PASSWORD\nVERIFICATION: VERIFICATION\nINVOICE: INVOICE\nINVITATION: INVITATION\nRESET_LINK: RESET_LINK';
        ALTER TABLE "role" ADD "built_in" BOOL NOT NULL DEFAULT False;
        UPDATE "role" SET "built_in" = TRUE WHERE "name" IN ('Administrator', 'Support', 'Partner');
        ALTER TABLE "user" ADD "password_set" BOOL NOT NULL DEFAULT True;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        COMMENT ON COLUMN "message"."kind" IS 'TEST: TEST\nCAMPAIGN: CAMPAIGN\nPASSWORD: PASSWORD\nVERIFICATION: VERIFICATION\nINVOICE: INVOICE';
        ALTER TABLE "role" DROP COLUMN "built_in";
        ALTER TABLE "user" DROP COLUMN "password_set";
        DROP TABLE IF EXISTS "password_token";"""


MODELS_STATE = (
    "eJztXe132ji6/1d0+DLtuTTbJE3bZfbuOYQwLdsEcoF0ZnbY4xFYgDZG9lhy0szu/O9Xkm"
    "3wOzavxqMPCcbWI5vfI0vPu/5TW5g6MuhZczIxHcJqDfCfGoELxA+il+qgBi1rdUGcYHBs"
    "yLYw0GhMmQ0noq8pNCjip3REJza2GDaJaNwEE2jbGNkNgJ6Q/QJMNkc2sM1nMEaGSWYUMB"
    "Ogb7wTg18kCHjdn4n+dXPCb4DJbPuuHIJ/c5DGzBkSZLzDX/7FT2Oio2+I+l+tR22KkaGH"
    "wMG66ECe19iLJc91CPtBNhRPOdYmpuEsyKqx9cLmJlm2xi5cM0SQDRkS3TPbEXARxzA8YH"
    "0E3SddNXEfMUCjoyl0DAG6oHYfYHWupmnd3lAbtIeaVosxxKcIAOudmphEMJM/KpW/fiYe"
    "4c3F+bsP7z5evn/3kTeRj7k88+EP99YrYFxCCU93WPtDXocMui0kxitQ5WcM1tYc2sm4+u"
    "0jyPJHjiLr45gFrX9ihe1q/B4C3AX8phmIzNhcIPr2bQaUX5v91udm/xVv9Vrc0uQvnPsi"
    "dr1LF+41gXcAX2cxRrZmQzJDGmXQZnG0r/EsdRwn068f1wnoe8O2NOC7I/uvFxeXlx8u3l"
    "6+/3j17sOHq49vl0M8filrrF93PonhHmKNP/5j/Bgb5uRRo/j3hMG/jhdh2gqxYstJZgWy"
    "jX5zsI006OiYaTaClD9PfNibpoEgScY6rYsI3GPex74mnuWZPSCeNY57vVvR84LS3wx3YE"
    "dGdffh7rrdf3Uu5yHeCLOUwY4WEBva1DYXRab4MNVGE33Zxndonr+8yDPP81ap87y8Foaa"
    "LpilzU2aML2nIx0iqh7QF1dXeRbUq6v0BVVcSwDaMpPW0dSJO0SjJuz4RCEBYgbVhJ6RPI"
    "LbfPWT6Hb4k0AyQckoBzs5nIxYGwyb/eHwdlArBnit2+u2G0D8HxG/jwbwj0ZEfvX7LTj8"
    "P+YY/B9Th/7HxIHvUGQXFdljhGqmKTDTQEqfTTtB9VwDeJBQAZ4TcKpBC2tjSJHm2EYxzO"
    "O01YP9KpeKepWhol7FVVQJnWui4VpNwZEeI60e6Oe5QD/PAP08BXSHzTVmPqIE5WgN5iHK"
    "6kG+t+mlqC4UpKkezJcXuRShDD0ohjG2hLJuFAM5SHRAoZE+YzaZj01o+890isNa6DXQ0H"
    "STq+2ExnH/x6DXTcY9ThkBX8cTBv4LDEzz6EibMeFvU4dMBKxg7GCD8Qc5E/f7+744ksEA"
    "gVTI8uLj/uqu+VOUJa3b3rWEjKvvM1v2Iju4jrBnwkc2h0yDCQrrDb/C8AIlsydMGWWNR3"
    "rmH5yi+Z3/QL1HjBdvnsxgzbBz1+Za2d19iD83zWFbXLmQZ18iZ1+9j/Bs2Qn4sTP8DMRX"
    "8E+u+kXZuGw3/GdNPBNfbU2NmM8a1APuH/+sj1qI646lb8j1MKXielm47mMUYLt8euGunD"
    "4GfGvixBhOHp/5sqKFrqyGh9BUHtFLwmx97VH+8KWPDCixjQ8D301s4S/o5QSHwB/+oPfP"
    "roZCACNp+UeEd4W2BUp01eY9VRYsiijl/W6NE5sP3J6qCtTEocxcIHtLpFpeN1WFacFHAZ"
    "xt+97dub1UFaSgP3hLpLqyq2vRU1XR8g2irt1iS7zuvc6Gvg2kiohxwQQZxtZzVd/rprIw"
    "mca2E1Wfd1FVeIR1RXh/toRogK0HWt1BtAOEqgaPUGTMCzNNtYlfWlwsomcg4eu/7t1b3C"
    "msuiTFvi6VmozQV1d9ko3yhL7aSOd6BIYGmJo2gATwX4lmtuQneDXGhsEBAvSFMrSog9ZN"
    "H0wR0l9/D9gcAYo4PQOYAi7y8Z7AHNI50hMDY/d2IxU2q8JmSzNjHCBs1rLRFH8rgvCKYj"
    "cYH3f4hh2Q7/P4H6N2r4D78X0UXj55amJ2KQJwkKaCw/j9uxwgv3+XCrK4FBnDyF7gNLNM"
    "hlcmTKZcMsolo4zzO3DJGJAyoQhtwvco7Q44X7LAgBNhdIIXJs5pGz2ZjxvxOUypuFxmLv"
    "txZ4X0mzDRRqHgpZuyd6DqxJyYMZjjGP/AdVQ8I1xZj4WFp3iXVj2dGMRpJhJ+2obPS507"
    "Mro4Avx3Izc5p9UctJo37dof6e7hvdpbVh7QJJtLyD+aYXdZumRz2l56BIHJXOQuglemDQ"
    "xzhkkdUET0OkDfRPzR2dnZ6zp4tjFjSJhLpCWE90oodEVQcypPub3EjS47v8OIjEhzwnhf"
    "7qxBAbQRsAzOdoB1WgfEZMK6I8Y+ED78ht8hNoDpMAM/ISpP2eYzBZgBATbNacX5Jfi+8W"
    "HEL4dO+e5Lb4gltOBLV/SU5J8mef6vQmairMTUilmKDpKGmm5PKi6qVFYFqZaMwicS7ZEj"
    "mWxpWZ9UFe6hzHaX2sOg3W8A8X9EWr3usNkaNoB3wOfU+472pf1zA3gHIzL4eTBs3zWA+x"
    "md2fNF5ucKzM+Iy4/abFy4hTOoqFwZoVNZhvEsQxckfhPGjzbBN0yqIE6D2POPbQJxmFRB"
    "HIeY4zFGc2hMNXO6wUyRRq6gThvN/MeiQrmAEbIyL5pl8rlhqwjIbuvq5UTt3g8kX3Kuli"
    "cZUdLxDVNVD+e9pLK6Gv0WsnZygE+ppoxaq9/mug0XreXniDzc38jv7ueI3LRv2+K7+zki"
    "tz2ukTaA/JDfeg9D+ZV/jkjn7r7dH/S6sovAFy6ft7s3XDrn/0fkU7vb7ssm/hG/3vrcvn"
    "m45ef8IyHl399KGZ9/cC2g2W21b/mTys8Raf903+vze7ufG0n8eTIWz9MzFs9jGYtzxizt"
    "CdnjTUdNqINSD5xP7aHgH2f6fW/AD8V/fixGw70YCuGBswl78gQqpMcpxMIUAoarAjNnmK"
    "rMHCnNEmWjiYjMLpb8HyJSMOeAOWK9zakxRKiUohBXFBarRJO8ozdAUsGxuxfpKq2Q3xB9"
    "Sxm6qXX7TlKAzbJMt38ahozSsTilpWH6ttf95DePBi+F8dbxdBpHOz1yzG9fjpAxcdvKhI"
    "ypYAMVbKCCDXIHG6zSiBOjDUJZxlnhBmyu0UDLXPEGMgRABgPghYVsvv7I9IvX34s65Lwz"
    "4OYfSrc8wKwOqAlk3JdIzcAMIKJL//0CQMNIDjjY/S12nN/x8NC5KeC2dxysnwmaTV6X9d"
    "77wOog7yT+vTvG0uDWM3IV0OCML396toN+Gx/u4b23NWnsKYhwLWwoWtmCOr1u0DTUcdfX"
    "42cxKIO1MlifuEqlUhHS0a9uKgL6ZmHe2wZcD1NWkOsnwmWVh6C4rEwDe7XpFg+t2Taapo"
    "qIKmPLwYwt0cG7A2ArVlIkimrghS1qvwquslM+m893Ulaq7/ZVuapS+7T2LUvhJZj6gmXy"
    "0u18k2CrtTa+ttx0UD7cMnXH60DsTKh/R8E1pHhSBy2TTPGsDpq6zrlK6+ArsvEUT+QgqI"
    "OuyRAF0LXNhGx8u7/FiNzAl78MubAG+kjcaMIA//2cwDIcL12IqztvTK7vgDE0xLQg6IBI"
    "J5KpSQQZIHMbxVDKj+CDLJHzr6wEIz79MIfGk4xWqmWxfKE/S7KQKitzoiGuy9eiIMY+Tf"
    "WsWnuB2ZtXEkHOsY/UkvqABvNma9j52i5qMXepGsD9HJFO1z/jH43IfbvbvB3+3ADegTxz"
    "0+l+0pr39/3e1+atvBQ6s4l9Pdeudhmb2sX3tPOWnQRGpscqBUgOp4O9LfV0vwJ0apjPGr"
    "UQKrJ2hokUqFFQdTTGTDPwAieZ2dAEL6CREi8Tpoya2VzSM6+Lvc08b4/gCL1ptzp3zVv+"
    "ztffRXYR9WeKd7HpYIEJXjgLzYIvi0TfUCbYCdQK8GzAmWk5ljZxbBuRSWIR/PRYsCTacs"
    "SFVaqUGOMrsIXsSfH3IUL5J3wXPhR4FbyBXEhwD9JUUEG6zCHuXaZv3RVF2DM6FBzFAao/"
    "4QguNJv7orGGicj73UCoDlAqMTAqBnK5woKGJjcvLzJLROmqp+LvZb/zZzSmYsgXQDpAUj"
    "2Q9xIdZGmQUmQLW2yx1KwYYfUA30/ZaXdHRDeKN8GVZJoGgiQF8yhtBPMxJ97XJO3bwA+7"
    "DF73erchifq6E81qebi7bvdfnUcWyYTZ2wVvjnUdEY0iqTNsspllQg9K7dm52vMEkzbLSM"
    "8D89sf0KB7BKj3kgSGyZOJJ0ijkznSHSNlxV1vVU/q54DsuOt1h59vfy5qYO/2uu0GEP9H"
    "5KbZEbUF5MeI/NhufxFf3c8R8W7QAME7Hb2emOtK1XzwOdip1rPMxSWznwMuNMszJ7vS+B"
    "DqDv+DSVtwpnuxE0gPp4hdnoom5sPE0MIyYDEdIYm2erLreS7Z9TxDdj2Py6588UU2cSVQ"
    "EcnBH6eg1pDeg2JBLhbYzOLd2egZGik2iPXrdLSPgyaNtb60b4ou0S6VSBsTnyPy0PXP+E"
    "flWIrdciViTNuIiV26RMhhsQUgqwtlkUvR6XRzwW9RyHoRJaze9HNxdZXHenF1lW69ENci"
    "nnCIjRcRKkD0zfzhSfRbm/VLxoddm/Upw7ZG5/AREQ0yhkT00hY16DK6K/FbUGs2QHNErh"
    "vgekRaDdDaaMrPM+OnT/ixWoBuSC4fyQSdF5l+YoQlBr5MxtMgbhebAn6hAM8N+ASzYg5x"
    "r3314N2PNI9mqRN5mnw4K/9cXSaIhZ2ZS3oTUy9kJYiQVQ/sPcTyCoXeLjZdrEgqiHAegN"
    "Pxja19lmWbT0jXJgbWRBJPQftuIr2y6xaw68oADlGHd5l+xZX03xxsJwVbZ/JiTU+KKwW4"
    "sjDH2EA7Ycu6rhRfCvCFiMTEOAPSPbhLAuXCLezCFTU6fjdJsSLWAZoDQv4wbO0L9X1Xrd"
    "IxFwmf+a8znwsFjkTpVLhI9gugNtxWVa5yVblyLH1DrocpFdfLwnUfowDbvacPpuOJKh6b"
    "cD1MqYpelYfJ8XdbFb3a145nLkRutZXCm1AmEav9IuIw8zcBGUZRfCNUClhVYuyIJcb80b"
    "gDcPuBrk5r/OYFN/LqhtDt89Ww32kNa1kz8Q5QzlnM7UQRTl58QkDzRwHdh9vbfHXdGJxp"
    "dqIuX6Sim1+BbAhnFZo7wrY8ZzHmgI8Nc/K4JVpd2dW16KmqaFFsyW13t0RqgK2KFWc8SJ"
    "FA8Rpm1An03tL1pQI15rXMtSUIbyzq+MFlFb/v+bHsU5zGjALzmYhNOqbYYHxogGfTfgTQ"
    "wI+8AQFIlgNEZIYJSt4QZNc3SCzvFyyTKH5+tLSfKtW3e5UhvVSfNwBz2/Pd5vsy5R8U2f"
    "3HhRxvo8SyzdZ7VtCCc8qW4m2w1uuJgZxXxo0MsDLtuXUrtqRqMpE3xZJW2ND1zCVWbm4l"
    "Y4/9pjlL8rq7YjH7pQ6mpg3Y3DYZM8SWV+MX4MV4ypq2/Ct6I4Is4ovpVj3teBMttURuuU"
    "QWrsWyXRGWUi+TeynCcrANsEoN7e5DCagzmSCkFw5RCtEdMB7pOE6rHYYjFXcWHtI1fNCh"
    "fZqe4bR4gJjoeUTpaOiKEShVPFo2yCEfsWDbtQKS7B6I3/LGnE6lqYCAV67oUvclmtfAgt"
    "iuAy7xSFvC85xPNUtx55UQx3xx53Vcctr9LUZkRAYIAYrsJzxB9C/hX35mvXjSGQKWaeDJ"
    "S7rpwl163OVdmS2OKZOVSWQ4Yvj/7mWG8gm7R4R3L9LulOPl2Elhy+m10wMkKkE/KnUZkD"
    "LNg2iDeK0EchW0VeagLekhRLomSrskTFXZ3I4RK16XmddLVXSDFztKqzhdNk6XRK2641oD"
    "nCUqVP6lepYqtQg0yuXIdVUTob4M7gaAmcAkYuO0CbYwIqwOnm3MGCJAWI+5WsJ7JBS6mR"
    "X+Pm5zSGb8yhwyMIEOdWWDmEN3HzcaEcyk1ZryLgCcMrGbnLlYYHYGfjUQpMidXH8FC2g/"
    "Uq6e8Ya6uIVlm2LEUM4Ac2zqXEXjCPFWL14LNiKSUtyY1OU9IJjYkM6RvJuO7O8okLcAFC"
    "8s4wXYDqHAdFJ3k4soab8EdmUi6Bvz/QNyj7hdbR93jWd/Fv3urxcXl5cfLt5evv949e7D"
    "h6uPb5fCXPxSllR33fkkBLvQ7LNeCzyef7VkC8GuRWrePePzQEFcQ0QK1gRY3R0QktXr9U"
    "WVAuRlVrZr7btm57YB5MeI8JWnIZaf6AKVRwHPU10svbZYrLLYIyYplSTXg+/Tlhr5IRfD"
    "GkD8H5EWl8eanU/dBvCPRuS+ORj82OvfNIB/NCJf2/3OD51Wc9jp8bbBb2IjwK+9TkvuAy"
    "gP5JnO0Gu7Oh6Rfls8022n+6UBVseb8Pw8T02L8/SiFuexqhbMLGLQcluXmc1lsmZRZ/xv"
    "NEnQzdIBDpBUIAv/APtnCFlZY1xcjaOcXukgRFQBnA9d7UDiN2eLhNV6Deg+URWqDR0a9T"
    "mCXMvTPI26YOHnROLdDP3jKltqq+OEieb/HtoPxcs8u1QN4H5y6bTd5RKT+D8iP3B5VVxz"
    "PzeRXd7nccele+Ni5bhc60QRV1GQRLmKEl1FyLbNhEjh9Fk9TKWm9eLTuqgKh8XcbKMpEr"
    "tZFquTmEhdBT4corqqKlrzJwlSCyVTRozbBVmfQF5B/p8Iv3M5SgOOl6LMjpAqN2mZ+Syc"
    "bpv4wldkir9l5q+qSKQquhz2tdlJRZfjBG4E6zwkBG9EykCkB3AES0/IlmujOH7hw8JmdS"
    "A/wP8Ain9Hr/2YCQ+w7yiwRfBEHcz5rxFJfiL6wvc+n4E+EiuvSAeEYHnrUAjHXu4yIi7/"
    "qOzFNp8b8kBeA5iCqY145zM+IGQEBj8z559IF2EWQKb6Q8JvIiIs3LaSMj1oPvCqyd+hIu"
    "ePGjnv8iCGa1bQypKkSivLQUJXgvVafk+weaRD7jWvEuK7qy5IKV+iN7JpREgrqNRW2Kih"
    "ZOM9hSWpMiVK6zhFrSNpEO8AXFUC5phK3T1fo59NWx+aj4jUEtS6cIN6lmJneU25SuK3Xa"
    "vaNYHQlgz0xhFX0TcLC8QBReyN3x1Xg8gjeAVF4PwTdre2FEH2ECxbiEqdLCG/eae9y9Rm"
    "xoe3DqCrzg0+N99cXL33y7VRNLERcxU891icRsaU3xlTUc+NCwp+9H+hEjS/1ByvbuDGcf"
    "JKldtSlbMcm0tYKa7U9VEbAfIyRzvWMkNOvWjT6HuWK9B053tzy1lGm0M6L+LeDlNVLl5p"
    "9znqyqWdDn11tT+5ViK6AdfDlBXk+olwOZ+D09rQw2kpF+dpcFiZcfZjxhECeTFQAxQKUW"
    "W+Oab5xtcmtwS2YsXso6gGXthSmWyQjU0dT/pOssEmcLmeaa7xGmq2k9NY8+McEWEY8QjB"
    "v82x8FiL+EWgO+h7APUnPmKEieVXGdTIe+ZCwq+ikSxvYEC8ENYSWRjBIXGDzV7usEWJX/"
    "kZe1HStUu/feX0yh1WbE83sQQ4WlQgjZAqtaPUQqnM8ZDvKtK1ccK+9+lvWAKpyk1IzU0o"
    "Sc2fPpry0TNPdTKErmcuWrbbclMXA/DogaT/HljCtk+YG7DFr+tezZ4nfplKo75b7ZQiSn"
    "l32R6GXXSuytGXy+qvjMzKyKyMzMrIrKS9zaU9sfRtsqE7VcUkT4K/nvySaA19eOjcpCVJ"
    "BakiHHYcrJ8J2mq9um7NH5dXQS7IX5ppDfXQ2oU11GHzwaq30wR3re0uPLrKZL5b7pucqA"
    "et9lTO0oECrXKoPxa0GWcymNmmYzWk4iE3M+WKB5JZJ0jHzA1OkjY0L1qNAj9+W9QyxSxJ"
    "+dll1+vyWSRWKp3lmNrQcc2hxxbEVfkIpQapTItyz17KoVyCLOR4nsCWG6cXyBEop56Xvb"
    "38DraWz+mKPxV09iqAm8nbucnz2YK33yKH0C06F3X0mfBGW8heYKmQ0DrgKGIh+fKTflq5"
    "FJVnNiTMlYjlgEiSt3fUqxK1S7FYKVH70LEHgXSO1csTh/kfg143GeYIWVTQxhMG/gsMTP"
    "cmHNT+NnWIu2nI2MEGw4Seifv9vbbfOToJegFTSMaOVS+MFiqMCM+ig1gpYPGrNJxg6src"
    "RjdIdsBddJdnTncbXaV9KO2jmtrH4eTqU0F6r4L1AFsSrgTZ2r+UKV5TbGl+ZPJ6EXvQuQ"
    "fQEZtXMTyB/i5aMFCMaSg2GfaTeDEFj8jybNFe/q6OZ4gyIOI0xMZZz5hN5jGhe0/3GRGC"
    "kE4b4HPzHPwvuLu5eiV+u8CtYSNoLBp+l69ziew+cUxsD7VC3xgi0vWjsocPKs4v2VNApA"
    "/SVFCs38N2ysvRHZ/zMypuhcgqtJPWgYtuyVmryPheElRwcF9c5dlNi7dKdw9dxXbUmsPz"
    "Ivh6zSuI7mWeXasu03etuoztWuXt9lZk84cgidr8IVbmyiqEpaVgTISRi8TQMMznIjaqII"
    "0yUO3cQKWc9Omjv7pOesfSN+R6mFJxvSxcT4htjXlmlXFUFcEsP7LK7KyKYJYe3RIXwUyz"
    "Wq83WRcwVzM4nUrLMfHjM+p+nUk3hlr0BZ5FAYRf/QhvWdeAooTQ6+27U5mm5bIQI1EPtI"
    "h5Z0lQufzSveydrQJq9hu7vqz+WzRZOkZYRcT3YQ7GVONLDn5KGNaZoTIhugPGyvgTysmG"
    "yixHKl9DC2IeJVWw54ddlnwxzBnepDBQjFjlEpfH3hI3synjavqKcppmNpUBdTwzm6/4FQ"
    "M2QlWhiIjdAcuX+oKgrijUUFV2y2PaLf00pi2B9fOlKopq4IUNQdrni12/0xrWEmfaXeAa"
    "6Oq0Ztnc0IYXmBR480R4e2U+tgzyrmZJlND49GzfmkrIzYNWeCerLbGK7aBVlfG1T5dME9"
    "l4Mq8lOGW8K/UstwxctVnnmEmHQTlIyuUgeeKzVmJsd7ppOUCijMr5jMripSqAsNe8guju"
    "JeuY35GhJLUmPZozQHL4YM7jWC13FrYZUzAPGV/wx/8Do/Twwg=="
)
